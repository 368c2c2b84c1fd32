package io.janela.domain.message;

import java.util.Optional;

/** What Janela does when Meta reports a send failed, by Meta's error code (see meta-cloud-api.md). */
public enum FailureAction {
    /** 131047 (470 legacy): more than 24 h since the customer wrote; Meta's clock wins. */
    CLOSE_WINDOW,
    /** 131049: held back for ecosystem health; one retry, no sooner than 24 h later. */
    RETRY_AFTER_A_DAY,
    /** 131050: the customer stopped marketing messages. */
    OPT_OUT_OF_BROADCASTS,
    /** 131026: not on WhatsApp, old app, or otherwise unreachable. */
    FLAG_UNDELIVERABLE,
    /** 131056: too many messages from this number to this person. */
    BACK_OFF_PAIR,
    /** 130429, 4, 80007: this business number is over its throughput. */
    BACK_OFF_SENDER;

    public static Optional<FailureAction> forCode(int code) {
        return Optional.ofNullable(switch (code) {
            case 131047, 470 -> CLOSE_WINDOW;
            case 131049 -> RETRY_AFTER_A_DAY;
            case 131050 -> OPT_OUT_OF_BROADCASTS;
            case 131026 -> FLAG_UNDELIVERABLE;
            case 131056 -> BACK_OFF_PAIR;
            case 130429, 4, 80007 -> BACK_OFF_SENDER;
            default -> null;
        });
    }
}
