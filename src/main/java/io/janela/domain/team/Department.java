package io.janela.domain.team;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A queue of the desk and the rule that hands its waiting tickets to its agents. {@code maxConcurrent}
 * caps the open tickets each agent holds: nobody at the cap is given more.
 */
public record Department(String id, String name, Strategy strategy, List<String> agents,
        Optional<String> specificAgent, Optional<Integer> maxConcurrent) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** How a department picks the agent for a waiting ticket. */
    public enum Strategy {
        /** Always the one agent the department names. */
        SPECIFIC,
        RANDOM,
        /** Round-robin over the agents taking work, turned by an atomic counter. */
        SEQUENTIAL,
        /** The agent who last served the contact; otherwise the ticket waits in the queue. */
        LAST_AGENT,
        /** The agent holding the fewest open tickets. */
        LEAST_BUSY
    }

    public Department {
        checkedId(id);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        Objects.requireNonNull(strategy, "strategy");
        agents = Objects.requireNonNullElse(agents, List.<String>of()).stream().map(Agent::checkedEmail).distinct().toList();
        specificAgent = Objects.requireNonNullElse(specificAgent, Optional.<String>empty()).map(Agent::checkedEmail);
        maxConcurrent = Objects.requireNonNullElse(maxConcurrent, Optional.empty());
        if (strategy == Strategy.SPECIFIC && specificAgent.filter(agents::contains).isEmpty()) {
            throw new IllegalArgumentException("a SPECIFIC department names its agent (specificAgent), one of its agents");
        }
        if (strategy != Strategy.SPECIFIC && specificAgent.isPresent()) {
            throw new IllegalArgumentException("specificAgent goes with the SPECIFIC strategy only");
        }
        if (maxConcurrent.filter(cap -> cap < 1).isPresent()) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
    }

    /** A department's id, as departments and the reply routes naming them both spell it. */
    public static String checkedId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("department is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return id;
    }
}
