package io.janela.domain.template;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A message template as the desk knows it: what the team configured (category, parameter count,
 * enabled) and the latest review status Meta reported.
 */
public record Template(
        String name,
        String language,
        Optional<String> category,
        int parameterCount,
        boolean enabled,
        Optional<String> status) {

    /** A send carries at most 50 parameters of 1,024 characters: far under DynamoDB's 400 KB item. */
    public static final int MAX_PARAMETERS = 50;
    /** Meta's categories; each is charged differently. */
    public static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    /**
     * Review states in which Meta delivers the template. FLAGGED is a quality warning on an
     * approved template (it may be paused later); REINSTATED is approved again after a pause.
     */
    private static final Set<String> SENDABLE = Set.of("APPROVED", "FLAGGED", "REINSTATED");

    public Template {
        if (name == null || !name.matches("[a-z0-9_]{1,512}")) {
            throw new IllegalArgumentException("a template name is lowercase letters, digits and underscores");
        }
        if (language == null || !language.matches("[a-z]{2,3}(_[A-Za-z]{2,4})?")) {
            throw new IllegalArgumentException("a template language is a code such as pt_BR or en");
        }
        category = category.map(value -> value.toUpperCase(Locale.ROOT));
        if (category.filter(value -> !CATEGORIES.contains(value)).isPresent()) {
            throw new IllegalArgumentException("category must be one of " + CATEGORIES);
        }
        if (parameterCount < 0 || parameterCount > MAX_PARAMETERS) {
            throw new IllegalArgumentException("parameterCount must be between 0 and " + MAX_PARAMETERS);
        }
        status = status.map(value -> value.toUpperCase(Locale.ROOT));
    }

    public boolean approved() {
        return status.filter(SENDABLE::contains).isPresent();
    }

    public boolean sendable() {
        return enabled && approved();
    }
}
