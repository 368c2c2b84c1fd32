package io.janela.domain.campaign;

import io.janela.domain.outbound.Refusal;
import java.util.Locale;

/** Why a campaign did not send to a row of its audience. */
public enum SkipReason {
    INVALID_PHONE,
    /** Not a business-scoped user id as Meta writes one (a two-letter country code, a period, letters and digits). */
    INVALID_USER_ID,
    DUPLICATE,
    MISSING_PARAMETER,
    BLOCKED,
    BROADCAST_OPT_OUT,
    UNDELIVERABLE,
    OPEN_TICKET,
    /** An authentication template, which Meta delivers to phone numbers only, to a contact known only by its user id. */
    PHONE_REQUIRED,
    /** Janela knows no phone number or user id of the contact any more (its phone moved to another contact). */
    NO_ADDRESS,
    /** The recipient's send could not be made under the desk's rules at send time (template paused, ...). */
    REFUSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The skip the outbound gate's refusal of one recipient means: the contact's own state by name, any other rule as REFUSED. */
    public static SkipReason of(Refusal refusal) {
        return switch (refusal.reason()) {
            case CONTACT_BLOCKED -> BLOCKED;
            case NO_ADDRESS -> NO_ADDRESS;
            case BROADCAST_OPT_OUT -> BROADCAST_OPT_OUT;
            case UNDELIVERABLE -> UNDELIVERABLE;
            case OPEN_TICKET -> OPEN_TICKET;
            case PHONE_REQUIRED -> PHONE_REQUIRED;
            case RATE_LIMITED, WINDOW_CLOSED, ACTIVE_MESSAGES_BLOCKED, AGENT_NOT_PERMITTED, TEMPLATE_NOT_APPROVED,
                    TEMPLATE_PARAMETERS, UNKNOWN_AGENT -> REFUSED;
        };
    }
}
