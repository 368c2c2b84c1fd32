package io.janela.local;

import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.config.JanelaConfig;
import io.janela.support.MetaPayloads.Who;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Starts local mode and talks to it the way Meta and a desk would: over HTTP. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class LocalModeTest {

    private static final String ADMIN = "admin@desk.example";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LocalMode localMode;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;
    @Inject
    Scheduler scheduler;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + localMode.port() + pathAndQuery);
    }

    @Test
    void metaCanSubscribeSendAndTheDeskReadsTheContactBack() throws Exception {
        HttpResponse<String> handshake = send(HttpRequest.newBuilder(uri(
                "/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + LocalModeConfig.LOCAL_VERIFY_TOKEN)));
        assertEquals(200, handshake.statusCode());
        assertEquals("1158201444", handshake.body());

        Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] body = notification().text("5511933330001", "Ana", "wamid.L1", sent, "Olá, tudo bem?").bytes();
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(uri("/webhook"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(401, unsigned.statusCode());

        HttpResponse<String> delivered = send(HttpRequest.newBuilder(uri("/webhook"))
                .header("content-type", "application/json")
                .header("X-Hub-Signature-256", new WebhookSignature(LocalModeConfig.LOCAL_APP_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, delivered.statusCode());

        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/numbers/" + PHONE_NUMBER_ID + "/contacts/5511933330001")));
        assertEquals(200, read.statusCode());
        assertEquals("application/json", read.headers().firstValue("content-type").orElse(""));
        JsonNode contact = JSON.readTree(read.body());
        assertEquals("Ana", contact.path("name").asText());
        assertEquals("OPEN", contact.path("window").path("state").asText());
        assertEquals(sent, Instant.parse(contact.path("window").path("lastInboundAt").asText()));

        String ticketId = contact.path("openTicket").path("id").asText();
        HttpResponse<String> ticket = send(HttpRequest.newBuilder(uri("/tickets/" + ticketId)));
        assertEquals(200, ticket.statusCode());
        assertEquals("WAITING", JSON.readTree(ticket.body()).path("status").asText());
    }

    @Test
    void everyHttpRouteOfTheTemplateIsServedAndNothingElse() throws Exception {
        assertEquals(SamTemplate.fromClasspath().httpRoutes().stream().map(SamTemplate.Route::routeKey).toList(),
                localMode.routeKeys());
        HttpResponse<String> admin = send(HttpRequest.newBuilder(uri("/admin")));
        assertEquals(404, admin.statusCode());
        assertEquals("no_route", JSON.readTree(admin.body()).path("error").asText(), admin.body());
        HttpResponse<String> deleteWebhook = send(HttpRequest.newBuilder(uri("/webhook")).DELETE());
        assertEquals(405, deleteWebhook.statusCode(), "the path is served, not with DELETE");
        assertEquals("method_not_allowed", JSON.readTree(deleteWebhook.body()).path("error").asText(), deleteWebhook.body());
        assertEquals("GET, POST", deleteWebhook.headers().firstValue("allow").orElse(""));
        // the desk page's CORS preflight, which API Gateway hands to the $default route
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/tickets")).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).header("Origin", "https://d111111abcdef8.cloudfront.net")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"));
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals("GET", preflight.headers().firstValue("allow").orElse(""));
        HttpResponse<String> optionsElsewhere = send(HttpRequest.newBuilder(uri("/admin")).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()));
        assertEquals(404, optionsElsewhere.statusCode(), "only a served path answers OPTIONS");
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/numbers/" + PHONE_NUMBER_ID + "/contacts/5511900000009")));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown_contact"));
    }

    @Test
    void anAgentAnswersOfflineThroughTheSandboxAndTheStatusesComeBack() throws Exception {
        HttpResponse<String> agent = put("/agents/bia@desk.example", ADMIN, "{\"name\":\"Bia\"}");
        assertEquals(200, agent.statusCode(), agent.body());
        Instant wrote = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] body = notification().text("5511933330002", "Caio", "wamid.L2", wrote, "Cadê meu pedido?").bytes();
        assertEquals(200, send(HttpRequest.newBuilder(uri("/webhook"))
                .header("X-Hub-Signature-256", new WebhookSignature(LocalModeConfig.LOCAL_APP_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))).statusCode());
        String reply = "{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"waId\":\"5511933330002\",\"text\":\"Já saiu!\"}";

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/messages")).POST(HttpRequest.BodyPublishers.ofString(reply)));
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> sent = send(HttpRequest.newBuilder(uri("/messages"))
                .header(LocalGateway.AGENT_HEADER, "bia@desk.example")
                .POST(HttpRequest.BodyPublishers.ofString(reply)));

        assertEquals(201, sent.statusCode(), sent.body());
        String wamid = JSON.readTree(sent.body()).path("wamid").asText();
        assertTrue(wamid.startsWith("wamid."), wamid);
        Map<String, AttributeValue> key = Map.of(
                "pk", AttributeValue.fromS("C#" + TestContacts.key("5511933330002").id()),
                "sk", AttributeValue.fromS("OUT#" + wamid));
        Map<String, AttributeValue> item = readOnceRead(key);
        assertEquals("read", item.get("status").s(), item.toString());
        assertEquals("bia@desk.example", item.get("sentBy").s());
    }

    @Test
    void anAgentAnswersACustomerKnownOnlyByUserIdThroughTheSandbox() throws Exception {
        assertEquals(200, put("/agents/bia@desk.example", ADMIN, "{\"name\":\"Bia\"}").statusCode());
        String userId = "US.20261121000000000009";
        byte[] body = notification().text(Who.user(userId).username("dora.m"), "Dora", "wamid.L20",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), "Meu pedido chegou?").bytes();
        assertEquals(200, send(HttpRequest.newBuilder(uri("/webhook"))
                .header("X-Hub-Signature-256", new WebhookSignature(LocalModeConfig.LOCAL_APP_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))).statusCode());
        JsonNode contact = JSON.readTree(send(HttpRequest.newBuilder(uri("/numbers/" + PHONE_NUMBER_ID + "/contacts/" + userId)))
                .body());
        assertEquals(userId, contact.path("userId").asText(), contact.toString());
        assertTrue(contact.path("waId").isNull(), contact.toString());

        HttpResponse<String> sent = send(HttpRequest.newBuilder(uri("/messages"))
                .header(LocalGateway.AGENT_HEADER, "bia@desk.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"userId\":\""
                        + userId + "\",\"text\":\"Chegou sim!\"}")));

        assertEquals(201, sent.statusCode(), sent.body());
        String wamid = JSON.readTree(sent.body()).path("wamid").asText();
        Map<String, AttributeValue> key = TestContacts.itemKey(TestContacts.key(dynamo, config.tables().contacts(), userId),
                "OUT#" + wamid);
        Map<String, AttributeValue> item = readOnceRead(key);
        assertEquals("read", item.get("status").s(), "the sandbox's statuses, naming Dora by her user id alone: " + item);
        assertEquals("bia@desk.example", item.get("sentBy").s());
    }

    /** A customer's message, signed as Meta signs it. */
    private void customerWrote(String waId, String wamid, Instant at) throws Exception {
        byte[] body = notification().text(waId, "Dora", wamid, at, "Ainda preciso de ajuda").bytes();
        assertEquals(200, send(HttpRequest.newBuilder(uri("/webhook"))
                .header("X-Hub-Signature-256", new WebhookSignature(LocalModeConfig.LOCAL_APP_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))).statusCode());
    }

    private JsonNode sweepNow() throws Exception {
        HttpResponse<String> sweep = send(HttpRequest.newBuilder(uri("/sweeps")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, sweep.statusCode(), sweep.body());
        assertEquals("application/json", sweep.headers().firstValue("content-type").orElse(""));
        return JSON.readTree(sweep.body());
    }

    @Test
    void anOperatorSweepsNowAndReadsWhatTheSweepDid() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        customerWrote("5511933330003", "wamid.L3", now.minus(Duration.ofMinutes(23 * 60 + 30)));
        customerWrote("5511933330004", "wamid.L4", now.minus(Duration.ofHours(1)));
        String due = JSON.readTree(send(HttpRequest.newBuilder(uri("/numbers/" + PHONE_NUMBER_ID + "/contacts/5511933330003")))
                .body()).path("openTicket").path("id").asText();

        JsonNode run = sweepNow();

        assertEquals(1, run.path("closed").asInt(), "the ticket whose customer wrote 23h30m ago: " + run);
        assertEquals(0, run.path("failed").asInt(), run.toString());
        assertEquals(false, run.path("more").asBoolean(true), run.toString());
        JsonNode closed = JSON.readTree(send(HttpRequest.newBuilder(uri("/tickets/" + due))).body());
        assertEquals("CLOSED", closed.path("status").asText(), closed.toString());
        assertEquals("WINDOW_GUARD", closed.path("closing").path("reason").asText());
        assertEquals("janela", closed.path("closing").path("by").asText());
        JsonNode other = JSON.readTree(send(HttpRequest.newBuilder(uri("/numbers/" + PHONE_NUMBER_ID + "/contacts/5511933330004")))
                .body());
        assertEquals("WAITING", other.path("openTicket").path("status").asText(), "a ticket with time left stays open");

        JsonNode again = sweepNow();

        assertEquals(0, again.path("closed").asInt(), again.toString());
        assertEquals(Instant.parse(run.path("startedAt").asText()).truncatedTo(ChronoUnit.SECONDS),
                Instant.parse(again.path("previousRunAt").asText()), again.toString());
        assertEquals(404, send(HttpRequest.newBuilder(uri("/sweeps"))).statusCode(), "a GET runs no sweep");
    }

    @Test
    void theSweeperAlsoRunsOnASchedulerAtTheSweepRate() {
        Trigger sweeps = scheduler.getScheduledJob(LocalSweepSchedule.JOB);

        assertTrue(sweeps != null, "local mode schedules the sweeper");
        // janela.sweep.rate is a day here, and the first run comes one interval after the start
        assertTrue(sweeps.getNextFireTime().isAfter(Instant.now().plus(Duration.ofHours(23))), sweeps.getNextFireTime().toString());
        assertEquals(null, sweeps.getPreviousFireTime());
    }

    /** A PUT from {@code caller}; {@link #ADMIN} also sends the administrators' group, as the README shows. */
    private HttpResponse<String> put(String path, String caller, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header(LocalGateway.AGENT_HEADER, caller);
        if (caller.equals(ADMIN)) {
            request.header(LocalGateway.GROUPS_HEADER, "janela-admins");
        }
        return send(request.PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Locally the X-Janela-Groups header plays the identity provider's groups: without it, no administration. */
    @Test
    void theGroupsHeaderMakesALocalCallerAnAdministrator() throws Exception {
        String body = "{\"name\":\"Rui\"}";
        HttpResponse<String> agentOnly = send(HttpRequest.newBuilder(uri("/agents/rui@desk.example"))
                .header(LocalGateway.AGENT_HEADER, ADMIN).PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, agentOnly.statusCode(), agentOnly.body());
        assertEquals("not_an_administrator", JSON.readTree(agentOnly.body()).path("error").asText());
        HttpResponse<String> otherGroups = send(HttpRequest.newBuilder(uri("/agents/rui@desk.example"))
                .header(LocalGateway.AGENT_HEADER, ADMIN).header(LocalGateway.GROUPS_HEADER, "janela-desk, janela-admin")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, otherGroups.statusCode(), otherGroups.body());

        HttpResponse<String> admin = send(HttpRequest.newBuilder(uri("/agents/rui@desk.example"))
                .header(LocalGateway.AGENT_HEADER, ADMIN).header(LocalGateway.GROUPS_HEADER, "janela-desk, janela-admins")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, admin.statusCode(), admin.body());
    }

    private JsonNode openTicketOf(String waId) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri("/numbers/" + PHONE_NUMBER_ID + "/contacts/" + waId))).body())
                .path("openTicket");
    }

    /**
     * No streams here: local mode assigns right after the write. A ticket opens into the default
     * department and waits while its only agent is offline; she comes online and it is hers; the next
     * one is hers at once. An assignment that fails is logged and leaves the write that asked for it standing.
     */
    @Test
    void localModeAssignsRightAfterTheWriteAndAFailingAssignmentNeverFailsTheWrite() throws Exception {
        String lia = "lia@desk.example";
        assertEquals(200, put("/agents/" + lia, ADMIN, "{\"name\":\"Lia\"}").statusCode());
        assertEquals(200, put("/departments/local-support", ADMIN,
                "{\"name\":\"Suporte\",\"strategy\":\"SEQUENTIAL\",\"agents\":[\"" + lia + "\"]}").statusCode());
        Map<String, AttributeValue> broken = Map.of("pk", AttributeValue.fromS("DEPARTMENTS"), "sk", AttributeValue.fromS("local-broken"),
                "name", AttributeValue.fromS("Broken"), "strategy", AttributeValue.fromS("SOMETIMES"));
        try {
            assertEquals(200, put("/settings", ADMIN, "{\"defaultDepartment\":\"local-support\"}").statusCode());
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            customerWrote("5511933330011", "wamid.L11", now.minusSeconds(30));

            JsonNode waiting = openTicketOf("5511933330011");
            assertEquals("WAITING", waiting.path("status").asText(), waiting.toString());
            assertEquals("local-support", waiting.path("department").asText(), waiting.toString());

            HttpResponse<String> online = put("/agents/" + lia + "/status", lia, "{\"status\":\"ONLINE\"}");
            assertEquals(200, online.statusCode(), online.body());

            JsonNode hers = openTicketOf("5511933330011");
            assertEquals("OPEN", hers.path("status").asText(), hers.toString());
            assertEquals(lia, hers.path("agent").asText());
            customerWrote("5511933330012", "wamid.L12", now);
            assertEquals(lia, openTicketOf("5511933330012").path("agent").asText(), "assigned as it opened");

            dynamo.putItem(request -> request.tableName(config.tables().directory()).item(broken));
            customerWrote("5511933330013", "wamid.L13", now);

            JsonNode stillWaiting = openTicketOf("5511933330013");
            assertEquals("WAITING", stillWaiting.path("status").asText(), "the webhook answered 200 and the ticket stands: "
                    + stillWaiting);
        } finally {
            dynamo.deleteItem(request -> request.tableName(config.tables().directory())
                    .key(Map.of("pk", broken.get("pk"), "sk", broken.get("sk"))));
            put("/settings", ADMIN, "{\"defaultDepartment\":null}");
            put("/agents/" + lia + "/status", lia, "{\"status\":\"OFFLINE\"}");
        }
    }

    /**
     * No event bus here: a customer's reply routed to a bot flow becomes the event the template's pipe
     * would put on the bus, kept for {@code GET /flow-events}; a reply on a ticket makes none.
     */
    @Test
    void aReplyRoutedToABotFlowIsReadableAsTheFlowsEvent() throws Exception {
        String flora = "flora@desk.example";
        assertEquals(200, put("/agents/" + flora, "admin@desk.example", "{\"name\":\"Flora\",\"canSendActiveMessages\":true}")
                .statusCode());
        assertEquals(200, put("/templates/pesquisa_nps/pt_BR", "admin@desk.example",
                "{\"category\":\"UTILITY\",\"parameterCount\":0,\"enabled\":true,\"status\":\"APPROVED\"}").statusCode());
        HttpResponse<String> survey = send(HttpRequest.newBuilder(uri("/messages")).header(LocalGateway.AGENT_HEADER, flora)
                .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"waId\":\"5511933330021\","
                        + "\"template\":{\"name\":\"pesquisa_nps\",\"language\":\"pt_BR\"},\"replyRouting\":{\"flow\":\"nps-local\"}}")));
        assertEquals(201, survey.statusCode(), survey.body());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        customerWrote("5511933330021", "wamid.L21", now);
        customerWrote("5511933330022", "wamid.L22", now);

        HttpResponse<String> listed = send(HttpRequest.newBuilder(uri("/flow-events?flow=nps-local")));

        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode events = JSON.readTree(listed.body()).path("events");
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.get(0);
        assertEquals("io.janela", event.path("source").asText());
        assertEquals("Flow message", event.path("detail-type").asText());
        JsonNode detail = event.path("detail");
        assertEquals("nps-local", detail.path("flow").asText());
        assertEquals(PHONE_NUMBER_ID, detail.path("phoneNumberId").asText());
        assertEquals("wamid.L21", detail.path("messageId").asText());
        assertEquals(Long.toString(now.getEpochSecond()), detail.path("timestamp").asText());
        assertEquals("wamid.L21", JSON.readTree(detail.path("message").asText()).path("id").asText());
        assertEquals(0, JSON.readTree(send(HttpRequest.newBuilder(uri("/flow-events?flow=another"))).body()).path("events").size());
    }

    /** The outbound record once the sandbox's statuses reached {@code read}, or as it is after 10 seconds. */
    private Map<String, AttributeValue> readOnceRead(Map<String, AttributeValue> key) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        Map<String, AttributeValue> item = Map.of();
        while (Instant.now().isBefore(deadline)) {
            item = dynamo.getItem(request -> request.tableName(config.tables().contacts()).key(key).consistentRead(true)).item();
            if (item.containsKey("status") && item.get("status").s().equals("read")) {
                break;
            }
            Thread.sleep(50);
        }
        return item;
    }
}
