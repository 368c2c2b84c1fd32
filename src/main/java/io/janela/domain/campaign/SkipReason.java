package io.janela.domain.campaign;

import java.util.Locale;

/** Why a campaign did not send to a row of its audience. */
public enum SkipReason {
    INVALID_PHONE,
    DUPLICATE,
    MISSING_PARAMETER,
    BLOCKED,
    BROADCAST_OPT_OUT,
    UNDELIVERABLE,
    OPEN_TICKET,
    /** The recipient's send could not be made under the desk's rules at send time (template paused, ...). */
    REFUSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
