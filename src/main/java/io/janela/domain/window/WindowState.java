package io.janela.domain.window;

/** Where a contact's customer-service window stands at a given instant. */
public enum WindowState {
    /** The customer never wrote: only a template can reach them. */
    NONE,
    OPEN,
    /** Still open, but closing within the configured lead time. */
    EXPIRING,
    EXPIRED;

    public boolean allowsFreeForm() {
        return this == OPEN || this == EXPIRING;
    }
}
