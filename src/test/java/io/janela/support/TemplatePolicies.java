package io.janela.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.local.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The policies of infra/template.yaml's functions, as the grants IAM would check. */
public final class TemplatePolicies {

    private TemplatePolicies() {
    }

    /** The policy of a function, as "dynamodb:Action on LogicalId[/index/Name]" ("LogicalId/stream" for a table's stream). */
    public static Set<String> granted(String function) {
        Set<String> grants = new TreeSet<>();
        statements(function).forEach(statement ->
                statement.path("Action").forEach(action -> statement.path("Resource").forEach(resource ->
                        grants.add(action.asText() + " on " + target(resource)))));
        return grants;
    }

    public static List<JsonNode> statements(String function) {
        List<JsonNode> statements = new ArrayList<>();
        SamTemplate.fromClasspath().resource(function).orElseThrow().path("Properties").path("Policies")
                .forEach(policy -> policy.path("Statement").forEach(statements::add));
        return statements;
    }

    /** A statement's resource as the logical id it names ("ContactsTable", "ContactsTable/index/DueTickets", "ContactsTable/stream"). */
    public static String target(JsonNode resource) {
        if (resource.has("Ref")) {
            return resource.path("Ref").asText();
        }
        if (resource.has("Fn::GetAtt")) {
            JsonNode attribute = resource.path("Fn::GetAtt");
            return attribute.get(0).asText() + (attribute.get(1).asText().equals("StreamArn") ? "/stream" : "");
        }
        return resource.path("Fn::Sub").asText().replaceAll("^\\$\\{(\\w+)\\.Arn}", "$1");
    }
}
