package io.janela.functions.http;

import io.janela.application.directory.NotAnAgent;
import io.janela.domain.desk.Tags;
import io.janela.domain.outbound.Refusal;

/**
 * A request the HTTP functions refuse, as the client reads it: the status, a stable {@code error}
 * code and a sentence for people. Every refusal is written here, with one switch from reason to
 * status for the routes' own reasons and one for the send gate's.
 */
public record HttpRefusal(int status, String code, String sentence) {

    /** Why a route refused, beside the send gate's {@link Refusal.Reason}s. */
    public enum Reason {
        INVALID_REQUEST("invalid_request"),
        UNAUTHENTICATED("unauthenticated"),
        NOT_AN_AGENT("not_an_agent"),
        NOT_AN_ADMINISTRATOR("not_an_administrator"),
        NO_ROUTE("no_route"),
        /** The path is served, but not with this method. */
        METHOD_NOT_ALLOWED("method_not_allowed"),
        UNKNOWN_TICKET("unknown_ticket"),
        UNKNOWN_CONTACT("unknown_contact"),
        UNKNOWN_CAMPAIGN("unknown_campaign"),
        UNKNOWN_MESSAGE("unknown_message"),
        UNKNOWN_QUARANTINED("unknown_quarantined"),
        NO_SCHEDULED_CLOSE("no_scheduled_close"),
        /** The path names an agent the desk does not have: there is nothing to change. */
        NO_SUCH_AGENT("unknown_agent"),
        /** The body names someone who is not an agent of the desk: the request is wrong. */
        UNKNOWN_AGENT("unknown_agent"),
        UNKNOWN_DEPARTMENT("unknown_department"),
        TICKET_CLOSED("ticket_closed"),
        TOO_MANY_TAGS("too_many_tags"),
        UNKNOWN_MEDIA("unknown_media"),
        MEDIA_TOO_LARGE("media_too_large"),
        /** The ticket keeps no customer message a read receipt could mark. */
        NO_CUSTOMER_MESSAGE("no_customer_message"),
        /** Meta refused the desk's own access token: an operator must renew it. */
        META_TOKEN_REFUSED("meta_token_refused"),
        META_REJECTED("meta_rejected"),
        META_UNAVAILABLE("meta_unavailable"),
        META_UNREACHABLE("meta_unreachable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static HttpRefusal of(Reason reason, String sentence) {
        int status = switch (reason) {
            case INVALID_REQUEST, UNKNOWN_AGENT, UNKNOWN_DEPARTMENT -> 400;
            case UNAUTHENTICATED -> 401;
            case NOT_AN_AGENT, NOT_AN_ADMINISTRATOR -> 403;
            case NO_ROUTE, UNKNOWN_TICKET, UNKNOWN_CONTACT, UNKNOWN_CAMPAIGN, UNKNOWN_MESSAGE, UNKNOWN_QUARANTINED,
                    NO_SCHEDULED_CLOSE, NO_SUCH_AGENT, UNKNOWN_MEDIA -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case TICKET_CLOSED, TOO_MANY_TAGS, NO_CUSTOMER_MESSAGE -> 409;
            case MEDIA_TOO_LARGE -> 422;
            case META_TOKEN_REFUSED, META_REJECTED -> 502;
            case META_UNAVAILABLE -> 503;
            case META_UNREACHABLE -> 504;
        };
        return new HttpRefusal(status, reason.code(), sentence);
    }

    /** The send gate's refusal, with its own code and sentence. */
    public static HttpRefusal of(Refusal refusal) {
        int status = switch (refusal.reason()) {
            case WINDOW_CLOSED, OPEN_TICKET -> 409;
            case ACTIVE_MESSAGES_BLOCKED, AGENT_NOT_PERMITTED, CONTACT_BLOCKED, BROADCAST_OPT_OUT -> 403;
            case TEMPLATE_NOT_APPROVED, TEMPLATE_PARAMETERS, UNKNOWN_AGENT, PHONE_REQUIRED, NO_ADDRESS, UNDELIVERABLE -> 422;
            case RATE_LIMITED -> 429;
        };
        return new HttpRefusal(status, refusal.code(), refusal.sentence());
    }

    /** A rejected input; {@code sentence} names what to fix. */
    public static HttpRefusal invalidRequest(String sentence) {
        return of(Reason.INVALID_REQUEST, sentence);
    }

    /** No caller identity; {@code why} says what needed one. */
    public static HttpRefusal unauthenticated(String why) {
        return of(Reason.UNAUTHENTICATED, why + ": sign in (or, locally, send X-Janela-Agent)");
    }

    public static HttpRefusal notAnAgent(NotAnAgent refused) {
        return of(Reason.NOT_AN_AGENT, refused.getMessage());
    }

    public static HttpRefusal notAnAdministrator(String route, String claim, String group) {
        return of(Reason.NOT_AN_ADMINISTRATOR, route + " is for the desk's administrators: callers whose token's "
                + claim + " claim holds " + group);
    }

    /** No function serves {@code route} ({@code METHOD /path}). */
    public static HttpRefusal noRoute(String route) {
        return of(Reason.NO_ROUTE, "no route " + route + " (infra/openapi.yaml lists them)");
    }

    /** {@code path} is served, with {@code allowed} only. */
    public static HttpRefusal methodNotAllowed(String method, String path, java.util.Set<String> allowed) {
        return of(Reason.METHOD_NOT_ALLOWED, path + " does not take " + method + " (it takes " + String.join(", ", allowed) + ")");
    }

    public static HttpRefusal unknownTicket(String id) {
        return of(Reason.UNKNOWN_TICKET, "no ticket " + id);
    }

    public static HttpRefusal unknownContact(String ref, String phoneNumberId) {
        return of(Reason.UNKNOWN_CONTACT, "no contact " + ref + " on business number " + phoneNumberId);
    }

    /** Also the answer to an id of the older form, which says nothing of where its message is. */
    public static HttpRefusal unknownMessage(String id) {
        return of(Reason.UNKNOWN_MESSAGE, "no message " + id + " (an id of Janela's outbound message, as POST /messages answered)");
    }

    public static HttpRefusal unknownCampaign(String id) {
        return of(Reason.UNKNOWN_CAMPAIGN, "no campaign " + id);
    }

    public static HttpRefusal unknownQuarantined(String id) {
        return of(Reason.UNKNOWN_QUARANTINED, "nothing quarantined under " + id);
    }

    public static HttpRefusal noScheduledClose(String ticket) {
        return of(Reason.NO_SCHEDULED_CLOSE, "ticket " + ticket + " has no scheduled close");
    }

    public static HttpRefusal noSuchAgent(String email) {
        return of(Reason.NO_SUCH_AGENT, "no agent " + email);
    }

    /** The body's {@code field} names {@code email}, who is not an agent. */
    public static HttpRefusal unknownAgent(String field, String email) {
        return of(Reason.UNKNOWN_AGENT, field + ": " + email + " is not an agent of this desk");
    }

    public static HttpRefusal unknownDepartment(String id) {
        return of(Reason.UNKNOWN_DEPARTMENT, "department: " + id + " is not a department of this desk");
    }

    /** An edit of a closed ticket. */
    public static HttpRefusal ticketClosed(String ticket) {
        return of(Reason.TICKET_CLOSED, "ticket " + ticket + " is closed");
    }

    /** A close (or a scheduled one) of a ticket that is closed. */
    public static HttpRefusal alreadyClosed(String ticket) {
        return of(Reason.TICKET_CLOSED, "ticket " + ticket + " is already closed");
    }

    public static HttpRefusal unknownMedia(String mediaId) {
        return of(Reason.UNKNOWN_MEDIA, "Meta has no media " + mediaId + " (Meta keeps a customer's media for a limited time)");
    }

    /** {@code size}: Meta's file_size, or the bytes counted before the download stopped. */
    public static HttpRefusal mediaTooLarge(String mediaId, long size, long maxBytes) {
        return of(Reason.MEDIA_TOO_LARGE, "media " + mediaId + " is larger than the " + maxBytes
                + " bytes the desk relays (janela.media.max-bytes): " + size + " bytes or more");
    }

    public static HttpRefusal noCustomerMessage(String ticket) {
        return of(Reason.NO_CUSTOMER_MESSAGE, "ticket " + ticket + " keeps no customer message to mark read");
    }

    /** Meta refused the desk's access token; {@code metaSays} is Meta's code and sentence. */
    public static HttpRefusal metaTokenRefused(String metaSays) {
        return of(Reason.META_TOKEN_REFUSED, "Meta refused the desk's access token (" + metaSays
                + "): renew it in the Meta secret");
    }

    /** Meta answered an error; {@code transientError} when trying again later may work. */
    public static HttpRefusal metaFailed(boolean transientError, String metaSays) {
        return transientError
                ? of(Reason.META_UNAVAILABLE, "Meta could not answer right now (" + metaSays + "); try again")
                : of(Reason.META_REJECTED, "Meta refused the request (" + metaSays + ")");
    }

    public static HttpRefusal metaUnreachable(String reason) {
        return of(Reason.META_UNREACHABLE, "Meta could not be reached (" + reason + "); try again");
    }

    /** The change would leave the ticket with {@code count} tags. */
    public static HttpRefusal tooManyTags(int count) {
        return of(Reason.TOO_MANY_TAGS, "tags: a ticket carries at most " + Tags.MAX_PER_TICKET
                + " tags, and this would leave it with " + count);
    }
}
