package io.janela.domain.team;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A person who answers customers. Identified by the e-mail the identity provider vouches for. */
public record Agent(String email, String name, List<String> departments, boolean online, boolean canSendActiveMessages) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Agent {
        email = checkedEmail(email);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        departments = List.copyOf(Objects.requireNonNullElse(departments, List.of()));
        if (departments.stream().anyMatch(department -> department == null || department.isBlank())) {
            throw new IllegalArgumentException("departments must not hold empty names");
        }
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
}
