package io.janela.domain.routing;

import io.janela.domain.team.Agent;
import io.janela.domain.team.Department;

/** Where the answer to an active message goes: one agent, a department's queue, or a bot flow. */
public sealed interface ReplyRoute {

    String target();

    String kind();

    record ToAgent(String target) implements ReplyRoute {
        public ToAgent {
            target = Agent.checkedEmail(target);
        }

        @Override
        public String kind() {
            return "agent";
        }
    }

    record ToDepartment(String target) implements ReplyRoute {
        public ToDepartment {
            target = Department.checkedId(target);
        }

        @Override
        public String kind() {
            return "department";
        }
    }

    record ToFlow(String target) implements ReplyRoute {
        public ToFlow {
            target = checkedName("flow", target);
        }

        @Override
        public String kind() {
            return "flow";
        }
    }

    static ReplyRoute of(String kind, String target) {
        return switch (kind == null ? "" : kind) {
            case "agent" -> new ToAgent(target);
            case "department" -> new ToDepartment(target);
            case "flow" -> new ToFlow(target);
            default -> throw new IllegalArgumentException("replyRouting names an agent, a department or a flow");
        };
    }

    private static String checkedName(String what, String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(what + " is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
