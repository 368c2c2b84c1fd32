package io.janela.functions;

import io.janela.local.SamTemplate;
import java.util.ArrayList;
import java.util.List;

/** The FilterCriteria patterns of assign's two event sources in infra/template.yaml. */
final class AssignStreamFilterPatterns {

    static final List<String> TICKETS = of("Tickets");
    static final List<String> AGENTS = of("Agents");

    private AssignStreamFilterPatterns() {
    }

    static List<String> of(String event) {
        List<String> patterns = new ArrayList<>();
        SamTemplate.fromClasspath().resource("AssignFunction").orElseThrow().path("Properties").path("Events").path(event)
                .path("Properties").path("FilterCriteria").path("Filters")
                .forEach(filter -> patterns.add(filter.path("Pattern").asText()));
        return patterns;
    }
}
