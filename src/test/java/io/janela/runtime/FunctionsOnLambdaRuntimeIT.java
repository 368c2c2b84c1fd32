package io.janela.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.adapters.dynamodb.DynamoIdentityStore;
import io.janela.adapters.dynamodb.DynamoDirectoryStore;
import io.janela.adapters.dynamodb.DynamoClosingStore;
import io.janela.application.sweep.ClosingStore;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.TicketId;
import io.janela.support.TableSnapshot;
import io.janela.support.TestContacts;
import io.janela.support.TestDynamo;
import io.janela.support.WireMockGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every function of target/function.zip started as Lambda starts it (AWS's runtime interface client,
 * the template's handler and environment, Lambda's JVM options) and handed every sample event in
 * functions/&lt;name&gt;/events, against DynamoDB Local and WireMock as Meta. One JVM per function,
 * all on one set of tables, so the samples tell one story as the functions' READMEs do. The webhook
 * starts as SnapStart starts every published version (its priming before a snapshot, which is not
 * taken here, and its hooks after the restore) and is checked to have primed without writing
 * anything; the others start on demand. Ana and Sheena write and their tickets open (webhook); the desk registers Carla and the billing
 * department, and assign queues Ana's ticket there while Carla is offline; Carla comes online
 * through the desk and assign hands her both tickets; she works and closes Ana's (desk); the
 * sweeper closes Sheena's, whose window ended; Bia's sends go out and a campaign is created (send)
 * and sent on schedule (campaign-driver). Runs after packaging ({@code ./mvnw verify}); each
 * function's output is in target/runtime-it/&lt;name&gt;.log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionsOnLambdaRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANA = "5511987654321";
    private static final String SHEENA = "US.13491208655302741918";
    private static final String CARLA = "carla.souza@loja.com.br";
    private static final String BIA = "bia@desk.example";
    /** The ticket the desk's and assign's samples name: Ana's key as tests derive it, then 10 hex of her message's wamid. */
    private static final TicketId SAMPLE_TICKET = new TicketId("ta4b888a8f326a491828cf491c092f29c34");
    private static final String SAMPLE_CAMPAIGN = "c1ef22a2a9dd8d8e51a04ad20";
    private static final String MESSAGES = "/v25.0/" + PHONE_NUMBER_ID + "/messages";

    private RuntimeHarness harness;
    private DynamoDbClient dynamo;
    private final Map<String, LambdaFunction> running = new HashMap<>();
    private final Set<String> invoked = new TreeSet<>();

    @BeforeAll
    void openTheHarness() {
        harness = RuntimeHarness.open(Path.of("target/runtime-it"), TestDynamo.freshTables());
        dynamo = TestDynamo.client();
        harness.meta.stubFor(post(urlPathMatching("/v25\\.0/[0-9]+/messages")).willReturn(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],
                 "messages":[{"id":"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}"}]}
                """).withTransformers("response-template")));
        // Janela's contact keys are random; the samples name Ana's ticket by the key tests derive from
        // her phone, so her phone is linked to that key before she writes, as if she had been seen under it
        new DynamoIdentityStore(dynamo, harness.tables.contacts())
                .link(PHONE_NUMBER_ID, CustomerId.parse(ANA), TestContacts.key(ANA), Optional.empty(), Instant.now());
    }

    @AfterAll
    void stopEverything() {
        running.values().forEach(LambdaFunction::close);
        if (harness != null) {
            harness.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    /**
     * Started as SnapStart starts it, the webhook runs its priming under the runtime client before it
     * asks {@code /restore/next}, its hooks after the restore, and only then asks for an event; priming
     * reads (the provisional contact) but leaves both tables as they were. The restored webhook then
     * takes Ana's message; the rest of the webhook's samples go to the same JVM.
     */
    @Test
    @Order(1)
    void theWebhookSnapStartsPrimedWithoutWritingAnythingAndThenTakesAnasMessage() {
        List<List<String>> before = everything();
        LambdaFunction webhook = harness.start(harness.launch("webhook").asSnapStart()
                .loggingTo(Path.of("target/runtime-it/webhook-snap-start.log")));
        running.put("webhook", webhook);

        long firstNext = webhook.awaitInit();

        long restoreNext = webhook.restoreNextAt().orElseThrow(() -> new AssertionError("the runtime client never asked "
                + "/restore/next: the SnapStart hooks did not run; see " + webhook.log()));
        assertTrue(restoreNext < firstNext, "/restore/next comes before the first /invocation/next");
        String log = webhook.logText();
        assertTrue(log.contains("event=snapstart_primed function=webhook"), "no priming in " + webhook.log());
        assertTrue(log.contains("event=snapstart_restored function=webhook"), "no restore hook in " + webhook.log());
        assertEquals(before, everything(), "priming wrote into the tables");

        JsonNode answer = http("webhook", "message-text.json");
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        assertEquals("ok", answer.path("body").asText());
        assertEquals("WAITING", anasTicket().get("status").s(), "Ana's message opened her ticket after the restore");
    }

    @Test
    @Order(2)
    void theWebhookAnswersEverySampleAndStoresWhatItNames() throws Exception {
        JsonNode handshake = http("webhook", "handshake.json");
        assertEquals(200, handshake.path("statusCode").asInt(), handshake.toString());
        assertEquals("1158201444", handshake.path("body").asText());

        for (String sample : List.of("statuses.json", "template-status.json", "user-preferences.json",
                "message-username.json", "status-to-bsuid.json", "user-changed-number.json")) {
            JsonNode answer = http("webhook", sample);
            assertEquals(200, answer.path("statusCode").asInt(), sample + ": " + answer);
            assertEquals("ok", answer.path("body").asText(), sample);
        }
        JsonNode again = http("webhook", "message-text.json");
        assertEquals(200, again.path("statusCode").asInt(), "a redelivery: " + again);

        ObjectNode forged = (ObjectNode) JSON.readTree(sample("webhook", "message-text.json"));
        forged.put("body", forged.path("body").asText().replace("não chegou", "chegou"));
        JsonNode refused = answer("webhook", forged.toString());
        assertEquals(401, refused.path("statusCode").asInt(), "a body its signature does not sign: " + refused);

        ContactKey ana = TestContacts.key(dynamo, harness.tables.contacts(), ANA);
        Map<String, AttributeValue> ticket = anasTicket();
        assertEquals("WAITING", ticket.get("status").s(), ticket.toString());
        assertEquals("C#" + ana.id(), ticket.get("pk").s());
        assertEquals(1, tickets(ana).size(), "the redelivery opened nothing");
        assertEquals(ana, TestContacts.key(dynamo, harness.tables.contacts(), "5511987654399"), "Ana's new number names her");

        ContactKey sheena = TestContacts.key(dynamo, harness.tables.contacts(), SHEENA);
        assertTrue(sheena.id().matches("k[0-9a-f]{24}"), sheena.id());
        assertNotEquals(TestContacts.key(SHEENA), sheena, "a contact Janela made has a random key, not the tests' derived one");
        Map<String, AttributeValue> status = item(sheena, "OUT#wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=");
        assertEquals("delivered", status.get("status").s(), status.toString());
        assertEquals(1, tickets(sheena).size(), "Sheena, known by her BSUID alone, has her ticket");
        stop("webhook");
    }

    @Test
    @Order(3)
    void theDeskRegistersTheTeamAndAssignQueuesTheTicketWhileCarlaIsOffline() {
        for (String sample : List.of("put-agent.json", "put-department.json", "put-settings.json")) {
            assertEquals(200, http("desk", sample).path("statusCode").asInt(), sample);
        }
        assertEquals("{\"batchItemFailures\":[]}", http("assign", "ticket-waiting.json").toString());
        Map<String, AttributeValue> waiting = anasTicket();
        assertEquals("WAITING", waiting.get("status").s(), waiting.toString());
        assertEquals("billing", waiting.get("department").s(), "placed in the default department: " + waiting);
    }

    @Test
    @Order(4)
    void carlaComesOnlineThroughTheDeskAndAssignHandsHerWhatWaits() throws Exception {
        JsonNode online = http("desk", "put-agent-status.json");
        assertEquals(200, online.path("statusCode").asInt(), online.toString());
        assertEquals("ONLINE", body(online).path("status").asText());
        assertEquals("{\"batchItemFailures\":[]}", http("assign", "agent-online.json").toString());
        Map<String, AttributeValue> hers = anasTicket();
        assertEquals("OPEN", hers.get("status").s(), hers.toString());
        assertEquals(CARLA, hers.get("agent").s());
        Map<String, AttributeValue> sheenas = tickets(TestContacts.key(dynamo, harness.tables.contacts(), SHEENA)).get(0);
        assertEquals(CARLA, sheenas.get("agent").s(), "after her department's queue, the tickets with none: " + sheenas);
        stop("assign");
    }

    @Test
    @Order(5)
    void theDeskAnswersItsOtherSamplesOnAnasTicket() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String sample : List.of("get-departments.json", "put-template.json", "get-contact.json", "get-ticket.json",
                "put-contact.json", "assign-ticket.json", "tag-ticket.json")) {
            expected.put(sample, 200);
        }
        expected.put("add-note.json", 201);
        expected.put("get-notes.json", 200);
        expected.put("get-ticket-messages.json", 200);
        expected.put("get-contact-messages.json", 200);
        expected.put("get-message.json", 404);
        expected.put("list-tickets.json", 200);
        expected.put("list-quarantine.json", 200);
        // $default: the answer comes from infra/openapi.yaml, which function.zip must carry
        expected.put("unmatched-route.json", 405);
        Map<String, JsonNode> answers = new HashMap<>();
        for (var sample : expected.entrySet()) {
            JsonNode answer = http("desk", sample.getKey());
            assertEquals(sample.getValue().intValue(), answer.path("statusCode").asInt(), sample.getKey() + ": " + answer);
            assertEquals("application/json", answer.path("headers").path("content-type").asText(), sample.getKey());
            answers.put(sample.getKey(), body(answer));
        }
        ContactKey ana = TestContacts.key(dynamo, harness.tables.contacts(), ANA);
        JsonNode contact = answers.get("get-contact.json");
        assertEquals(ana.id(), contact.path("contactKey").asText(), contact.toString());
        assertEquals("5511987654399", contact.path("waId").asText(), "her number as Meta last changed it");
        assertEquals(SAMPLE_TICKET.value(), contact.path("openTicket").path("id").asText(), contact.toString());
        assertEquals("20261121-000001", answers.get("get-ticket.json").path("protocol").asText());
        JsonNode page = answers.get("list-tickets.json");
        assertEquals(1, page.path("tickets").size(), "Carla's tickets tagged vip: " + page);
        assertEquals(SAMPLE_TICKET.value(), page.path("tickets").path(0).path("id").asText());
        assertTrue(page.path("cursor").isNull(), page.toString());
        assertEquals(1, answers.get("get-notes.json").path("notes").size());
        JsonNode conversation = answers.get("get-ticket-messages.json").path("messages");
        assertEquals("inbound", conversation.path(0).path("direction").asText(), conversation.toString());
        assertEquals("text", conversation.path(0).path("kind").asText(), conversation.toString());
        assertTrue(answers.get("get-contact-messages.json").path("messages").size() >= conversation.size());
        assertEquals("unknown_message", answers.get("get-message.json").path("error").asText());
        assertTrue(answers.get("list-quarantine.json").path("items").isArray());

        // a close Carla scheduled earlier; a sample's own "at" would lie outside the window, long closed
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertEquals(ClosingStore.ScheduleOutcome.SCHEDULED,
                new DynamoClosingStore(dynamo, harness.tables.contacts(), 100).scheduleClose(ana, SAMPLE_TICKET,
                        new ScheduledClose(now.plus(Duration.ofHours(1)), true, Optional.empty(), CARLA, now)));
        JsonNode cancelled = http("desk", "cancel-scheduled-close.json");
        assertEquals(200, cancelled.path("statusCode").asInt(), cancelled.toString());
        assertTrue(body(cancelled).path("scheduledClose").isNull(), cancelled.toString());

        JsonNode closed = http("desk", "close-ticket.json");
        assertEquals(200, closed.path("statusCode").asInt(), closed.toString());
        JsonNode closing = body(closed).path("closing");
        assertEquals("AGENT", closing.path("reason").asText(), closing.toString());
        assertEquals(CARLA, closing.path("by").asText());
        assertEquals("WINDOW_CLOSED", closing.path("message").asText(), "Ana's window closed long ago (and Meta said 131047)");
        Map<String, AttributeValue> stored = anasTicket();
        assertEquals("CLOSED", stored.get("status").s(), stored.toString());
        assertEquals(Set.of("entrega", "vip"), Set.copyOf(stored.get("tags").ss()));
        stop("desk");
    }

    @Test
    @Order(6)
    void theSweeperClosesTheTicketWhoseWindowEnded() {
        JsonNode run = http("sweep", "scheduled.json");
        assertEquals(1, run.path("closed").asInt(), "Sheena's ticket, the only one still open: " + run);
        assertEquals(1, run.path("overdue").asInt(), run.toString());
        assertEquals(1, run.path("closedAfterWindow").asInt(), run.toString());
        assertEquals(0, run.path("failed").asInt(), run.toString());
        assertFalse(run.path("more").asBoolean(), run.toString());
        ContactKey sheena = TestContacts.key(dynamo, harness.tables.contacts(), SHEENA);
        List<Map<String, AttributeValue>> tickets = tickets(sheena);
        assertEquals(1, tickets.size());
        Map<String, AttributeValue> closed = tickets.get(0);
        assertEquals("WINDOW_GUARD", closed.get("closeReason").s(), closed.toString());
        stop("sweep");
    }

    @Test
    @Order(7)
    void sendGuardsAndSendsItsSamples() throws Exception {
        DynamoDirectoryStore directory = new DynamoDirectoryStore(dynamo, harness.tables.directory());
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
        directory.putTemplate(new Template("pedido_atualizado", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "APPROVED", null,
                Instant.parse("2026-01-01T00:00:00Z")));

        JsonNode text = http("send", "send-text.json");
        assertEquals(409, text.path("statusCode").asInt(), text.toString());
        assertEquals("window_closed", body(text).path("error").asText());

        JsonNode template = http("send", "send-template.json");
        assertEquals(201, template.path("statusCode").asInt(), template.toString());
        assertTrue(body(template).path("activeMessage").asBoolean(), template.toString());

        JsonNode byUserId = http("send", "send-template-user-id.json");
        assertEquals(201, byUserId.path("statusCode").asInt(), byUserId.toString());
        harness.meta.verify(1, postRequestedFor(urlPathMatching(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.recipient", equalTo(SHEENA))));

        JsonNode created = http("send", "create-campaign.json");
        assertEquals(202, created.path("statusCode").asInt(), created.toString());
        JsonNode campaign = body(created);
        assertEquals(SAMPLE_CAMPAIGN, campaign.path("id").asText(), "the id the get-campaign sample names");
        assertEquals(4, campaign.path("total").asInt());
        assertEquals(2, campaign.path("counts").path("pending").asInt(), campaign.toString());
        assertEquals(1, campaign.path("counts").path("skipped").path("duplicate").asInt());
        assertEquals(1, campaign.path("counts").path("skipped").path("invalid_phone").asInt());
        assertEquals(200, http("send", "create-campaign.json").path("statusCode").asInt(), "the same Idempotency-Key again");

        JsonNode report = http("send", "get-campaign.json");
        assertEquals(200, report.path("statusCode").asInt(), report.toString());
        assertEquals(4, body(report).path("recipients").size(), report.toString());

        harness.meta.stubFor(get(urlPathEqualTo("/v25.0/1037543291543636")).willReturn(okJson("""
                {"messaging_product":"whatsapp","url":"%s/whatsapp_business/attachments/?mid=1037543291543636",
                 "mime_type":"image/png","sha256":"9f2c","file_size":4,"id":"1037543291543636"}""".formatted(harness.meta.baseUrl()))));
        harness.meta.stubFor(get(urlPathEqualTo("/whatsapp_business/attachments/")).willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
        JsonNode media = http("send", "get-media.json");
        assertEquals(200, media.path("statusCode").asInt(), media.toString());
        assertTrue(media.path("isBase64Encoded").asBoolean(), "API Gateway decodes the file: " + media);
        assertEquals("iVBORw==", media.path("body").asText());

        JsonNode read = http("send", "mark-read.json");
        assertEquals(404, read.path("statusCode").asInt(), "the sample's ticket is not in this desk: " + read);
        assertEquals("unknown_ticket", body(read).path("error").asText());
        stop("send");
    }

    @Test
    @Order(8)
    void theCampaignDriverSendsTheCampaignOnItsSchedule() {
        int before = harness.meta.findAll(postRequestedFor(urlPathMatching(MESSAGES))).size();
        JsonNode run = http("campaign-driver", "scheduled.json");
        assertEquals(1, run.path("campaigns").asInt(), run.toString());
        assertEquals(2, run.path("sent").asInt(), run.toString());
        assertEquals(0, run.path("failed").asInt(), run.toString());
        assertEquals(0, run.path("stillSending").asInt(), run.toString());
        assertEquals(before + 2, harness.meta.findAll(postRequestedFor(urlPathMatching(MESSAGES))).size());
        for (String row : List.of("1", "2")) {
            harness.meta.verify(1, postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(
                    matchingJsonPath("$.biz_opaque_callback_data", equalTo("janela:campaign:" + SAMPLE_CAMPAIGN + ":" + row))));
        }
        stop("campaign-driver");
    }

    @Test
    @Order(9)
    void everyFunctionAndEverySampleRanOnTheRuntimeClient() throws Exception {
        Set<String> samples = new TreeSet<>();
        try (var functions = Files.list(Path.of("functions"))) {
            for (Path function : functions.toList()) {
                try (var events = Files.list(function.resolve("events"))) {
                    events.forEach(event -> samples.add(function.getFileName() + "/" + event.getFileName()));
                }
            }
        }
        assertEquals(samples, invoked);
    }

    private LambdaFunction function(String name) {
        return running.computeIfAbsent(name, harness::start);
    }

    /** Ends a function's JVM once its part of the story is told, and checks its log. */
    private void stop(String name) {
        LambdaFunction function = running.remove(name);
        function.close();
        String options = function.launch().function().environment().get("JAVA_TOOL_OPTIONS");
        assertTrue(options == null || function.logText().contains("Picked up JAVA_TOOL_OPTIONS: " + options),
                name + " ran without the template's JAVA_TOOL_OPTIONS");
        Optional<String> uncaught = function.logText().lines().filter(line -> line.startsWith("Exception in thread")).findFirst();
        assertEquals(Optional.empty(), uncaught, name + " lost a thread to an uncaught exception (see " + function.log() + ")");
    }

    /** A sample event of {@code function}, noted as handed to it. */
    private String sample(String function, String file) {
        invoked.add(function + "/" + file);
        return RuntimeHarness.sample(function, file);
    }

    /** The function's answer to one of its samples. */
    private JsonNode http(String function, String file) {
        return answer(function, sample(function, file));
    }

    /** The function's answer to an event, which must not be an error. */
    private JsonNode answer(String function, String event) {
        RuntimeApi.Answer answer = function(function).invoke(event);
        assertFalse(answer.failed(), function + " failed: " + answer.errorType() + " " + answer.body());
        try {
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError(function + " answered no JSON: " + answer.body(), e);
        }
    }

    private static JsonNode body(JsonNode httpAnswer) throws Exception {
        return JSON.readTree(httpAnswer.path("body").asText());
    }

    /** Both tables, item by item. */
    private List<List<String>> everything() {
        return List.of(TableSnapshot.of(dynamo, harness.tables.contacts()), TableSnapshot.of(dynamo, harness.tables.directory()));
    }

    private Map<String, AttributeValue> anasTicket() {
        return item(TestContacts.key(ANA), "TICKET#" + SAMPLE_TICKET.value());
    }

    private Map<String, AttributeValue> item(ContactKey contact, String sortKey) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(harness.tables.contacts())
                .consistentRead(true).key(TestContacts.itemKey(contact, sortKey))).item();
        assertTrue(item != null && !item.isEmpty(), "no " + sortKey + " in C#" + contact.id());
        return item;
    }

    private List<Map<String, AttributeValue>> tickets(ContactKey contact) {
        return dynamo.query(query -> query.tableName(harness.tables.contacts())
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ticket)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("C#" + contact.id()),
                        ":ticket", AttributeValue.fromS("TICKET#")))).items();
    }
}
