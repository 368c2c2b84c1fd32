package io.janela.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.Metrics;
import io.janela.application.campaign.Campaigns;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.OutboundLog;
import io.janela.application.outbound.SendService;
import io.janela.application.outbound.SendService.SendCommand;
import io.janela.domain.campaign.Audience;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.routing.ReplyRoute;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.send.SendViews.CampaignView;
import io.janela.functions.send.SendViews.MetaErrorView;
import io.janela.functions.send.SendViews.NotDeliveredView;
import io.janela.functions.send.SendViews.SentView;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** Guarded sends to customers: one message ({@code POST /messages}) or a campaign. */
public class SendFunction {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    @Inject
    SendService sends;
    @Inject
    Campaigns campaigns;
    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;
    @Inject
    Metrics metrics;

    @Funq("send")
    public HttpApiResponse send(HttpApiRequest request) {
        return responses.answer("send", request, this::route);
    }

    private HttpApiResponse route(HttpApiRequest request) {
        String route = request.routeKey() == null ? "" : request.routeKey();
        Optional<String> caller = request.callerEmail();
        if (caller.isEmpty()) {
            return responses.error(401, "unauthenticated", "no caller identity: sign in (or, locally, send X-Janela-Agent)");
        }
        return switch (route) {
            case "POST /messages" -> message(caller.get(), JsonBody.parse(json, request.bodyBytes()));
            case "POST /campaigns" -> createCampaign(caller.get(), request);
            case "GET /campaigns/{id}" -> campaign(request);
            default -> responses.error(404, "no_route", "no send route " + route);
        };
    }

    private HttpApiResponse message(String caller, JsonBody body) {
        String phoneNumberId = body.text("phoneNumberId");
        if (!phoneNumberId.matches("[0-9]{1,32}")) {
            throw new IllegalArgumentException("phoneNumberId must be 1 to 32 digits");
        }
        CustomerId to = customer(body);
        OutboundContent content = body.oneOf("text", "template").equals("text")
                ? new OutboundContent.Text(body.text("text"))
                : template(body.object("template"));
        SendService.SendResult result = sends.send(new SendCommand(caller, phoneNumberId, to, content, replyRoute(body)));
        metrics.send(outcome(result), result instanceof SendService.Refused refused
                ? Optional.of(refused.refusal().code()) : Optional.empty());
        if (result instanceof SendService.Sent sent) {
            return responses.of(201, new SentView(sent.messageId(), sent.wamid(), sent.activeMessage()));
        }
        if (result instanceof SendService.Refused refused) {
            return refusal(refused.refusal());
        }
        if (result instanceof SendService.NotAnAgent notAnAgent) {
            return notAnAgent(notAnAgent.email());
        }
        return notDelivered((SendService.NotDelivered) result);
    }

    /** How the send ended, in the words of the send metric's {@code Outcome} dimension. */
    private static Metrics.SendOutcome outcome(SendService.SendResult result) {
        if (result instanceof SendService.Sent) {
            return Metrics.SendOutcome.SENT;
        }
        if (result instanceof SendService.Refused) {
            return Metrics.SendOutcome.REFUSED;
        }
        if (result instanceof SendService.NotAnAgent) {
            return Metrics.SendOutcome.NOT_AN_AGENT;
        }
        MessageSender.SendOutcome outcome = ((SendService.NotDelivered) result).outcome();
        if (outcome instanceof MessageSender.Rejected rejected) {
            return rejected.transientError() ? Metrics.SendOutcome.META_UNAVAILABLE : Metrics.SendOutcome.META_REJECTED;
        }
        return Metrics.SendOutcome.META_UNREACHABLE;
    }

    /**
     * Exactly one of {@code waId} (the customer's phone number) and {@code userId} (their business-scoped
     * user id), each in Meta's own form: a BSUID is never read as a phone number, nor the other way round.
     */
    private static CustomerId customer(JsonBody body) {
        if (body.oneOf("waId", "userId").equals("waId")) {
            String waId = body.text("waId");
            if (!CustomerId.WaId.isWaId(waId)) {
                throw new IllegalArgumentException("waId must be the customer's phone number as Meta writes it: 1 to 32 digits,"
                        + " country code first (a business-scoped user id goes in userId)");
            }
            return new CustomerId.WaId(waId);
        }
        String userId = body.text("userId");
        if (!CustomerId.Bsuid.isBsuid(userId)) {
            throw new IllegalArgumentException("userId must be the customer's business-scoped user id as Meta writes it:"
                    + " a two-letter country code, a period and 1 to 128 letters and digits, such as US.13491208655302741918");
        }
        return new CustomerId.Bsuid(userId);
    }

    private static OutboundContent.Template template(JsonBody template) {
        return new OutboundContent.Template(template.text("name"), template.text("language"),
                template.optionalTexts("parameters"));
    }

    private static Optional<ReplyRoute> replyRoute(JsonBody body) {
        return body.optionalObject("replyRouting").map(routing -> {
            String kind = routing.oneOf("agent", "department", "flow");
            return ReplyRoute.of(kind, routing.text(kind));
        });
    }

    private HttpApiResponse refusal(Refusal refusal) {
        int status = switch (refusal.reason()) {
            case WINDOW_CLOSED, OPEN_TICKET -> 409;
            case ACTIVE_MESSAGES_BLOCKED, AGENT_NOT_PERMITTED, CONTACT_BLOCKED, BROADCAST_OPT_OUT -> 403;
            case TEMPLATE_NOT_APPROVED, TEMPLATE_PARAMETERS, UNKNOWN_AGENT, PHONE_REQUIRED, NO_ADDRESS, UNDELIVERABLE -> 422;
            case RATE_LIMITED -> 429;
        };
        return responses.error(status, refusal.code(), refusal.sentence());
    }

    private HttpApiResponse notAnAgent(String email) {
        return responses.error(403, "not_an_agent", email + " is not an agent of this desk");
    }

    private HttpApiResponse notDelivered(SendService.NotDelivered failed) {
        MessageSender.SendOutcome outcome = failed.outcome();
        if (outcome instanceof MessageSender.Rejected rejected) {
            boolean metaDown = rejected.transientError();
            String sentence = "Meta " + (metaDown ? "could not take the message right now" : "refused the message")
                    + " (" + rejected.error().code() + (rejected.error().message() == null ? "" : ": " + rejected.error().message()) + ")";
            return responses.of(metaDown ? 503 : 422, new NotDeliveredView(metaDown ? "meta_unavailable" : "meta_rejected",
                    sentence, failed.messageId(), MetaErrorView.of(rejected.error())));
        }
        MessageSender.Unreachable unreachable = (MessageSender.Unreachable) outcome;
        String sentence = unreachable.mayHaveArrived()
                ? "Meta did not answer in time; the message may have reached the customer, so it is not sent again"
                : "Meta could not be reached; nothing was sent";
        return responses.of(504, new NotDeliveredView("meta_unreachable", sentence, failed.messageId(),
                MetaErrorView.of(OutboundLog.failureOf(unreachable))));
    }

    private HttpApiResponse createCampaign(String caller, HttpApiRequest request) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        JsonBody template = body.object("template");
        Optional<ReplyRoute> route = replyRoute(body);
        String source = body.oneOf("audience", "audienceCsv");
        IntFunction<Audience> audience = source.equals("audienceCsv")
                ? parameters -> Audience.fromCsv(body.text("audienceCsv"), parameters)
                : parameters -> Audience.of(entries(body.objects("audience")), parameters);
        Campaigns.CreateResult result = campaigns.create(new Campaigns.CreateCommand(caller, body.text("phoneNumberId"),
                template.text("name"), template.text("language"), route, audience, request.header("idempotency-key")));
        if (result instanceof Campaigns.Created created) {
            return responses.of(created.alreadyExisted() ? 200 : 202, CampaignView.of(created.campaign(), List.of(), null));
        }
        if (result instanceof Campaigns.Refused refused) {
            return refusal(refused.refusal());
        }
        return notAnAgent(((Campaigns.NotAnAgent) result).email());
    }

    /** Each entry names its recipient by exactly one of {@code waId} and {@code userId}; a bad one is a skipped row. */
    private static List<Audience.Entry> entries(List<JsonBody> rows) {
        return rows.stream().map(row -> row.oneOf("waId", "userId").equals("waId")
                ? Audience.Entry.phone(row.text("waId"), row.optionalTexts("parameters"))
                : Audience.Entry.userId(row.text("userId"), row.optionalTexts("parameters"))).toList();
    }

    private HttpApiResponse campaign(HttpApiRequest request) {
        String id = request.path("id").orElse("");
        int after = request.query("after").map(value -> number("after", value, 0, Integer.MAX_VALUE)).orElse(0);
        int limit = request.query("limit").map(value -> number("limit", value, 1, MAX_PAGE)).orElse(DEFAULT_PAGE);
        if (!id.matches("[a-z0-9]{1,64}")) {
            return responses.error(404, "unknown_campaign", "no campaign " + id);
        }
        return campaigns.report(id, after, limit)
                .map(report -> responses.ok(CampaignView.of(report)))
                .orElseGet(() -> responses.error(404, "unknown_campaign", "no campaign " + id));
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
}
