package io.janela.domain.outbound;

/** Why the guard stopped a message before it reached Meta: a stable code and a sentence for people. */
public record Refusal(Reason reason, String sentence) {

    public enum Reason {
        WINDOW_CLOSED("window_closed"),
        ACTIVE_MESSAGES_BLOCKED("active_messages_blocked"),
        AGENT_NOT_PERMITTED("agent_not_permitted"),
        OPEN_TICKET("open_ticket"),
        TEMPLATE_NOT_APPROVED("template_not_approved"),
        TEMPLATE_PARAMETERS("template_parameters"),
        CONTACT_BLOCKED("contact_blocked"),
        UNKNOWN_AGENT("unknown_agent"),
        RATE_LIMITED("rate_limited"),
        /** Meta delivers authentication templates to phone numbers only (its error 131062). */
        PHONE_REQUIRED("phone_required"),
        /** The contact's phone number moved to another contact, and no user id is known. */
        NO_ADDRESS("no_address"),
        /** The contact stopped marketing messages (Meta's 131050): campaigns pass them by. */
        BROADCAST_OPT_OUT("broadcast_opt_out"),
        /** Meta cannot deliver to the contact (its 131026): campaigns pass them by. */
        UNDELIVERABLE("undeliverable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public String code() {
        return reason.code();
    }
}
