package io.janela.application.directory;

/**
 * The caller is not an agent of this desk, so nothing is done in their name. Every use case that
 * acts for an agent refuses the same way, through {@link Agents#acting}; it is thrown rather than
 * returned so that it reaches the one place that answers it, leaving each use case's results about
 * its own work.
 */
public final class NotAnAgent extends RuntimeException {

    private final String email;

    public NotAnAgent(String email) {
        // a refusal, not a failure: no stack trace to fill in or to log
        super(email + " is not an agent of this desk", null, false, false);
        this.email = email;
    }

    /** Who asked, as they named themselves. */
    public String email() {
        return email;
    }
}
