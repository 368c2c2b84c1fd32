package io.janela.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.functions.CampaignDriverFunction;
import io.janela.functions.DeskFunction;
import io.janela.functions.SendFunction;
import io.janela.functions.WebhookFunction;
import io.janela.local.SamTemplate;
import io.quarkus.funqy.Funq;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What infra/template.yaml promises: every function wired, least privilege, logs kept, secrets hidden. */
class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.fromClasspath();

    private static Set<String> funqyNames() {
        return Stream.of(WebhookFunction.class, DeskFunction.class, SendFunction.class, CampaignDriverFunction.class)
                .flatMap(type -> Stream.of(type.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(Funq.class))
                .map((Method method) -> method.getAnnotation(Funq.class).value())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new java.util.TreeMap<>();
        for (String id : List.of("WebhookFunction", "DeskFunction", "SendFunction", "CampaignDriverFunction")) {
            functions.put(id, TEMPLATE.resource(id).orElseThrow().path("Properties"));
        }
        return functions;
    }

    @Test
    void everyFunqyFunctionHasALambdaSelectingItAndNoMore() {
        Set<String> exported = functions().values().stream()
                .map(properties -> properties.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(funqyNames(), exported);
        assertEquals(Set.of("webhook", "desk", "send", "campaign-driver"), exported);
    }

    @Test
    void theWebhookRoutesAreTheOnesMetaCalls() {
        List<String> routes = TEMPLATE.httpRoutes().stream()
                .filter(route -> route.function().equals("webhook"))
                .map(SamTemplate.Route::routeKey)
                .toList();
        assertEquals(List.of("GET /webhook", "POST /webhook"), routes);
    }

    @Test
    void policiesNameTheirActionsAndTables() {
        List<String> offences = new ArrayList<>();
        functions().forEach((id, properties) -> properties.path("Policies").forEach(policy ->
                policy.path("Statement").forEach(statement -> {
                    statement.path("Action").forEach(action -> {
                        if (action.asText().contains("*")) {
                            offences.add(id + " allows " + action.asText());
                        }
                    });
                    statement.path("Resource").forEach(resource -> {
                        if (resource.isTextual() && resource.asText().contains("*")) {
                            offences.add(id + " on " + resource.asText());
                        }
                    });
                })));
        assertEquals(List.of(), offences);
    }

    /** The desk sets up agents, templates and settings; what it knows of contacts it only reads. */
    @Test
    void nothingScansAndOnlyTheCampaignDriverDeletes() {
        functions().forEach((id, properties) -> {
            String policies = properties.path("Policies").toString();
            assertFalse(policies.contains("Scan"), id + ": " + policies);
            if (!id.equals("CampaignDriverFunction")) {
                assertFalse(policies.contains("DeleteItem"), id + ": " + policies);
            }
        });
    }

    @Test
    void everyRouteButTheWebhookNeedsTheDesksJwt() {
        JsonNode auth = TEMPLATE.resource("HttpApi").orElseThrow().path("Properties").path("Auth");
        assertEquals("DeskJwt", auth.path("DefaultAuthorizer").asText());
        JsonNode jwt = auth.path("Authorizers").path("DeskJwt").path("JwtConfiguration");
        assertEquals("AuthIssuer", jwt.path("issuer").path("Ref").asText());
        assertEquals("AuthAudience", jwt.path("audience").get(0).path("Ref").asText());
        List<String> open = new ArrayList<>();
        functions().forEach((id, properties) -> properties.path("Events").forEach(event -> {
            if (event.path("Type").asText().equals("HttpApi")
                    && event.path("Properties").path("Auth").path("Authorizer").asText().equals("NONE")) {
                open.add(event.path("Properties").path("Method").asText() + " " + event.path("Properties").path("Path").asText());
            }
        }));
        assertEquals(List.of("GET /webhook", "POST /webhook"), open);
    }

    @Test
    void theCampaignDriverRunsOnASchedule() {
        JsonNode driver = functions().get("CampaignDriverFunction");
        JsonNode drive = driver.path("Events").path("Drive");
        assertEquals("Schedule", drive.path("Type").asText());
        assertEquals("CampaignDriveRate", drive.path("Properties").path("Schedule").path("Ref").asText());
        // a run stops sending after its batch time and must finish before the function's timeout
        assertTrue(driver.path("Timeout").asInt() >= 60, driver.toString());
        assertEquals("40S", driver.path("Environment").path("Variables").path("JANELA_CAMPAIGNS_BATCH_TIME").asText());
    }

    @Test
    void everyFunctionLogsToAGroupWithRetention() {
        for (String id : functions().keySet()) {
            JsonNode group = TEMPLATE.resource(id.replace("Function", "LogGroup")).orElseThrow();
            assertEquals("AWS::Logs::LogGroup", group.path("Type").asText());
            assertEquals("/aws/lambda/${" + id + "}", group.path("Properties").path("LogGroupName").path("Fn::Sub").asText());
            assertEquals("LogRetentionDays", group.path("Properties").path("RetentionInDays").path("Ref").asText());
        }
    }

    @Test
    void metaSecretsAreNoEchoParameters() {
        JsonNode parameters = root().path("Parameters");
        for (String secret : List.of("MetaAppSecret", "MetaVerifyToken", "MetaAccessToken")) {
            assertTrue(parameters.path(secret).path("NoEcho").asBoolean(), secret);
        }
    }

    @Test
    void tablesAreOnDemandWithTtl() {
        TEMPLATE.tables().forEach((id, table) -> {
            assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText(), id);
            assertEquals("expiresAt", table.path("TimeToLiveSpecification").path("AttributeName").asText(), id);
        });
        assertEquals(Set.of("ContactsTable", "DirectoryTable"), TEMPLATE.tables().keySet());
    }

    private static JsonNode root() {
        try (var in = SamTemplateTest.class.getClassLoader().getResourceAsStream(SamTemplate.RESOURCE)) {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
