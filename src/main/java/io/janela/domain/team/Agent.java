package io.janela.domain.team;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person who answers customers. Identified by the e-mail the identity provider vouches for.
 * Which departments they serve is said by the departments ({@link Department#agents()}), in one place.
 */
public record Agent(String email, String name, AgentStatus status, boolean canSendActiveMessages) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Agent {
        email = checkedEmail(email);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        Objects.requireNonNull(status, "status");
    }

    /** E-mail addresses compare without case, as identity providers treat them. */
    public static String checkedEmail(String email) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("an agent is named by a valid e-mail address");
        }
        return email.toLowerCase(Locale.ROOT);
    }

    public boolean is(String otherEmail) {
        return otherEmail != null && email.equalsIgnoreCase(otherEmail);
    }

    public boolean takesWork() {
        return status.takesWork();
    }
}
