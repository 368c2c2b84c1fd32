package io.janela.functions;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.assignment.TeamStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.ingest.WebhookIngest;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.TicketId;
import io.janela.support.DeskTicketWrites;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.MockLambda;
import io.janela.support.MutableClockProducer;
import io.janela.support.TableSnapshot;
import io.janela.support.TestContacts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /tickets} through the desk function (HTTP API events, the mock event server, DynamoDB
 * Local): every view, filter, order and search over one desk whose tickets the webhook opened, pages
 * by cursor, the unanswered time at each band's edge, and bad parameters.
 *
 * <pre>
 *   ticket   opened / last message (min ago)  where it is                          tags
 *   Joana      0 /   0                        unassigned
 *   Ana      300 /   5                        unassigned
 *   Bruno    240 /  50                        billing, waiting                     refund
 *   Carla    200 /  20                        billing, Bia                         vip
 *   Dani     180 /  90                        Caio by hand (answered)
 *   Edu      150 /  10                        support, waiting                     (username only)
 *   Fábio    120 / 120                        support, Caio                        vip, refund
 *   Gil      400 /  60                        billing, Bia, then closed            vip
 *   Helena   100 / 100                        unassigned, then closed
 *   Iara      60 /  30                        Bia by hand                          vip
 * </pre>
 * Bia is in billing, Caio in support, Zoe in no department.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(TicketListProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
class TicketListTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String BIA = "bia@desk.example";
    private static final String CAIO = "caio@desk.example";
    private static final String ZOE = "zoe@desk.example";
    private static final String STRANGER = "someone@elsewhere.example";
    private static final String NOBODY = null;
    /** Edu Prado writes with a username: Meta shares his business-scoped user id, not his phone. */
    private static final String EDU = "BR.2291000000000000105";

    private static final List<String> BY_LAST_MESSAGE = List.of("Joana Alves", "Ana Souza", "Edu Prado", "Carla Dias",
            "Iara Nunes", "Bruno Lima", "Gil Souza", "Dani Rocha", "Helena Melo", "Fábio Reis");
    private static final List<String> BY_OPENING = List.of("Joana Alves", "Iara Nunes", "Helena Melo", "Fábio Reis",
            "Edu Prado", "Dani Rocha", "Carla Dias", "Bruno Lima", "Ana Souza", "Gil Souza");
    private static final Map<String, TicketId> TICKETS = new HashMap<>();
    private static final Map<String, String> WA_IDS = new HashMap<>();

    @Inject
    WebhookParser parser;
    @Inject
    WebhookIngest ingest;
    @Inject
    DirectoryStore directory;
    @Inject
    TeamStore team;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    JanelaConfig config;

    @BeforeEach
    void desk() {
        MutableClockProducer.CLOCK.set(NOW);
        if (TICKETS.isEmpty()) {
            seed();
        }
    }

    private void seed() {
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, false));
        directory.putAgent(new Agent(CAIO, "Caio", AgentStatus.ONLINE, false));
        directory.putAgent(new Agent(ZOE, "Zoe", AgentStatus.OFFLINE, false));
        team.putDepartment(new Department("billing", "Cobrança", Department.Strategy.RANDOM, List.of(BIA), Optional.empty(),
                Optional.empty()), "admin@desk.example", NOW);
        team.putDepartment(new Department("support", "Suporte", Department.Strategy.RANDOM, List.of(CAIO), Optional.empty(),
                Optional.empty()), "admin@desk.example", NOW);
        DeskTicketWrites writes = new DeskTicketWrites(dynamo, config.tables().contacts());

        customer("Joana Alves", "5511900000010", 0, 0);
        customer("Ana Souza", "5511900000001", 300, 5);
        ContactKey bruno = customer("Bruno Lima", "5511900000002", 240, 50);
        writes.toDepartment(bruno, TICKETS.get("Bruno Lima"), "billing", NOW);
        writes.tag(bruno, TICKETS.get("Bruno Lima"), "refund");
        ContactKey carla = customer("Carla Dias", "5511900000003", 200, 20);
        writes.toDepartment(carla, TICKETS.get("Carla Dias"), "billing", NOW);
        writes.toAgent(carla, TICKETS.get("Carla Dias"), BIA, NOW);
        writes.tag(carla, TICKETS.get("Carla Dias"), "vip");
        ContactKey dani = customer("Dani Rocha", "5511900000004", 180, 90);
        writes.byHandToAgent(dani, TICKETS.get("Dani Rocha"), CAIO, NOW);
        writes.answered(dani, TICKETS.get("Dani Rocha"));
        ContactKey edu = customer("Edu Prado", Who.user(EDU).username("dudu.oficial"), EDU, 150, 10);
        writes.toDepartment(edu, TICKETS.get("Edu Prado"), "support", NOW);
        ContactKey fabio = customer("Fábio Reis", "5511900000006", 120, 120);
        writes.toDepartment(fabio, TICKETS.get("Fábio Reis"), "support", NOW);
        writes.toAgent(fabio, TICKETS.get("Fábio Reis"), CAIO, NOW);
        writes.tag(fabio, TICKETS.get("Fábio Reis"), "vip", "refund");
        ContactKey gil = customer("Gil Souza", "5511900000007", 400, 60);
        writes.toDepartment(gil, TICKETS.get("Gil Souza"), "billing", NOW);
        writes.toAgent(gil, TICKETS.get("Gil Souza"), BIA, NOW);
        writes.tag(gil, TICKETS.get("Gil Souza"), "vip");
        writes.close(gil, TICKETS.get("Gil Souza"), BIA, NOW.minus(Duration.ofMinutes(30)));
        ContactKey helena = customer("Helena Melo", "5511900000008", 100, 100);
        writes.close(helena, TICKETS.get("Helena Melo"), BIA, NOW.minus(Duration.ofMinutes(20)));
        ContactKey iara = customer("Iara Nunes", "5511900000009", 60, 30);
        writes.byHandToAgent(iara, TICKETS.get("Iara Nunes"), BIA, NOW);
        writes.tag(iara, TICKETS.get("Iara Nunes"), "vip");
    }

    private ContactKey customer(String name, String waId, int openedMinutesAgo, int lastMinutesAgo) {
        ContactKey contact = customer(name, Who.phone(waId), waId, openedMinutesAgo, lastMinutesAgo);
        WA_IDS.put(name, waId);
        return contact;
    }

    /** The customer's first message opens the ticket; a later one (if any) joins it. {@code ref}: how the desk names them. */
    private ContactKey customer(String name, Who who, String ref, int openedMinutesAgo, int lastMinutesAgo) {
        Instant opened = NOW.minus(Duration.ofMinutes(openedMinutesAgo));
        ingest.apply(parser.parse(notification().text(who, name, "wamid.T" + ref + ".1", opened, "Oi").bytes(), NOW));
        if (lastMinutesAgo != openedMinutesAgo) {
            Instant last = NOW.minus(Duration.ofMinutes(lastMinutesAgo));
            ingest.apply(parser.parse(notification().text(who, name, "wamid.T" + ref + ".2", last, "Alô?").bytes(), NOW));
        }
        ContactKey contact = TestContacts.key(ref);
        JsonNode found = body(MockLambda.invoke(HttpApiEvents.get("/numbers/{phoneNumberId}/contacts/{ref}",
                "/numbers/" + PHONE_NUMBER_ID + "/contacts/" + ref, Map.of(),
                Map.of("phoneNumberId", PHONE_NUMBER_ID, "ref", ref))));
        TICKETS.put(name, new TicketId(found.path("openTicket").path("id").asText()));
        return contact;
    }

    private static JsonNode list(String caller, String... query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            parameters.put(query[i], query[i + 1]);
        }
        String event = HttpApiEvents.get("/tickets", "/tickets", parameters, Map.of());
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static JsonNode getTicket(String id) {
        return MockLambda.invoke(HttpApiEvents.get("/tickets/{id}", "/tickets/" + id, Map.of(), Map.of("id", id)));
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response, e);
        }
    }

    /** The contacts' names on a 200 page, in its order. */
    private static List<String> names(JsonNode response) {
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        List<String> names = new ArrayList<>();
        body(response).path("tickets").forEach(row -> names.add(row.path("contact").path("name").asText()));
        return names;
    }

    private static List<String> reversed(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.reverse(copy);
        return copy;
    }

    private static List<String> only(List<String> order, String... names) {
        List<String> kept = List.of(names);
        return order.stream().filter(kept::contains).toList();
    }

    private static void assertError(int status, String error, JsonNode response) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals(error, body(response).path("error").asText(), response.toString());
    }

    @Test
    void theWholeDeskListsInEachOrderClosedTicketsIncluded() {
        assertEquals(BY_LAST_MESSAGE, names(list(NOBODY, "view", "all")));
        assertEquals(BY_LAST_MESSAGE, names(list(NOBODY, "view", "all", "order", "recent")));
        assertEquals(reversed(BY_LAST_MESSAGE), names(list(NOBODY, "view", "all", "order", "oldest")));
        assertEquals(BY_OPENING, names(list(BIA, "view", "all", "order", "opened-recent")));
        assertEquals(reversed(BY_OPENING), names(list(BIA, "view", "all", "order", "opened-oldest")));
    }

    @Test
    void openIsWhatNoAgentHoldsOrWhatIsInTheCallersDepartments() {
        List<String> forBia = only(BY_LAST_MESSAGE, "Joana Alves", "Ana Souza", "Edu Prado", "Carla Dias", "Bruno Lima");
        assertEquals(forBia, names(list(BIA)), "open is the default view");
        assertEquals(forBia, names(list(BIA, "view", "open", "order", "recent")));
        assertEquals(reversed(forBia), names(list(BIA, "view", "open", "order", "oldest")));
        assertEquals(only(BY_OPENING, forBia.toArray(String[]::new)), names(list(BIA, "view", "open", "order", "opened-recent")));
        assertEquals(reversed(only(BY_OPENING, forBia.toArray(String[]::new))),
                names(list(BIA, "view", "open", "order", "opened-oldest")));
        assertEquals(only(BY_LAST_MESSAGE, "Joana Alves", "Ana Souza", "Edu Prado", "Bruno Lima", "Fábio Reis"),
                names(list(CAIO, "view", "open")));
        assertEquals(only(BY_LAST_MESSAGE, "Joana Alves", "Ana Souza", "Edu Prado", "Bruno Lima"),
                names(list(ZOE, "view", "open")), "an agent in no department sees what nobody holds");
        assertEquals(only(BY_LAST_MESSAGE, "Joana Alves", "Ana Souza", "Edu Prado", "Bruno Lima"),
                names(list(ZOE.toUpperCase(Locale.ROOT), "view", "open")), "e-mails compare without case");
    }

    @Test
    void mineIsWhatTheCallerHolds() {
        assertEquals(List.of("Carla Dias", "Iara Nunes"), names(list(BIA, "view", "mine")));
        assertEquals(List.of("Iara Nunes", "Carla Dias"), names(list(BIA, "view", "mine", "order", "oldest")));
        assertEquals(List.of("Iara Nunes", "Carla Dias"), names(list(BIA, "view", "mine", "order", "opened-recent")));
        assertEquals(List.of("Carla Dias", "Iara Nunes"), names(list(BIA, "view", "mine", "order", "opened-oldest")));
        assertEquals(List.of("Dani Rocha", "Fábio Reis"), names(list(CAIO, "view", "mine")));
        assertEquals(List.of(), names(list(ZOE, "view", "mine")));
    }

    @Test
    void inServiceIsEveryTicketAnAgentHolds() {
        List<String> held = only(BY_LAST_MESSAGE, "Carla Dias", "Iara Nunes", "Dani Rocha", "Fábio Reis");
        assertEquals(held, names(list(NOBODY, "view", "in-service")));
        assertEquals(reversed(held), names(list(NOBODY, "view", "in-service", "order", "oldest")));
        assertEquals(only(BY_OPENING, held.toArray(String[]::new)),
                names(list(NOBODY, "view", "in-service", "order", "opened-recent")));
        assertEquals(reversed(only(BY_OPENING, held.toArray(String[]::new))),
                names(list(NOBODY, "view", "in-service", "order", "opened-oldest")));
    }

    @Test
    void filtersNarrowEveryViewAndOrder() {
        record Case(String caller, List<String> expected, String... query) {
        }
        List<Case> cases = List.of(
                new Case(NOBODY, List.of("Carla Dias", "Bruno Lima", "Gil Souza"), "view", "all", "department", "billing"),
                new Case(NOBODY, List.of("Gil Souza", "Bruno Lima", "Carla Dias"),
                        "view", "all", "department", "billing", "order", "opened-oldest"),
                new Case(BIA, List.of("Carla Dias", "Bruno Lima"), "department", "billing"),
                new Case(BIA, List.of("Bruno Lima", "Carla Dias"), "department", "billing", "order", "oldest"),
                new Case(BIA, List.of("Edu Prado"), "department", "support"),
                new Case(NOBODY, List.of("Fábio Reis"), "view", "in-service", "department", "support"),
                new Case(NOBODY, List.of(), "view", "all", "department", "nowhere"),
                new Case(NOBODY, List.of("Carla Dias", "Iara Nunes", "Gil Souza"), "view", "all", "agent", BIA),
                new Case(NOBODY, List.of("Iara Nunes", "Carla Dias", "Gil Souza"),
                        "view", "all", "agent", BIA, "order", "opened-recent"),
                new Case(NOBODY, List.of("Dani Rocha", "Fábio Reis"), "view", "in-service", "agent", CAIO),
                new Case(NOBODY, List.of("Fábio Reis", "Dani Rocha"),
                        "view", "in-service", "agent", CAIO, "order", "opened-recent"),
                new Case(CAIO, List.of("Fábio Reis"), "view", "open", "agent", CAIO),
                new Case(ZOE, List.of(), "view", "open", "agent", CAIO),
                new Case(BIA, List.of(), "view", "mine", "agent", CAIO),
                new Case(BIA, List.of("Carla Dias", "Iara Nunes"), "view", "mine", "agent", BIA),
                new Case(BIA, List.of("Carla Dias"), "view", "mine", "department", "billing"),
                new Case(NOBODY, List.of("Carla Dias", "Iara Nunes", "Gil Souza", "Fábio Reis"), "view", "all", "tag", "vip"),
                new Case(NOBODY, List.of("Carla Dias", "Iara Nunes", "Gil Souza", "Fábio Reis"), "view", "all", "tag", "VIP"),
                new Case(NOBODY, List.of("Gil Souza", "Carla Dias", "Fábio Reis", "Iara Nunes"),
                        "view", "all", "tag", "vip", "order", "opened-oldest"),
                new Case(CAIO, List.of("Bruno Lima", "Fábio Reis"), "tag", "refund"),
                new Case(BIA, List.of("Carla Dias"), "tag", "vip"),
                new Case(NOBODY, List.of("Carla Dias", "Iara Nunes", "Gil Souza"), "view", "all", "tag", "vip", "agent", BIA),
                new Case(NOBODY, List.of("Carla Dias", "Gil Souza"), "view", "all", "tag", "vip", "department", "billing"),
                new Case(NOBODY, List.of("Fábio Reis"), "view", "in-service", "tag", "refund", "order", "opened-oldest"));
        for (Case listed : cases) {
            assertEquals(listed.expected(), names(list(listed.caller(), listed.query())),
                    String.join(" ", listed.query()) + " as " + listed.caller());
        }
    }

    @Test
    void searchFindsTicketsNotClosedByNamePhoneUsernameOrProtocol() {
        Map<String, String> protocols = new HashMap<>();
        body(list(NOBODY, "view", "all")).path("tickets")
                .forEach(row -> protocols.put(row.path("contact").path("name").asText(), row.path("protocol").asText()));

        assertEquals(List.of("Ana Souza"), names(list(NOBODY, "view", "all", "q", "souza")), "Gil Souza's ticket is closed");
        assertEquals(List.of("Ana Souza"), names(list(NOBODY, "view", "all", "q", "SOUZA ")));
        assertEquals(List.of("Fábio Reis"), names(list(NOBODY, "view", "all", "q", "Fábio")));
        assertEquals(List.of("Carla Dias"), names(list(NOBODY, "view", "all", "q", WA_IDS.get("Carla Dias"))));
        assertEquals(List.of("Carla Dias"), names(list(NOBODY, "view", "all", "q", "+55 (11) 90000-0003")));
        assertEquals(List.of("Bruno Lima"), names(list(NOBODY, "view", "all", "q", protocols.get("Bruno Lima"))));
        assertEquals(List.of("Edu Prado"), names(list(NOBODY, "view", "all", "q", "dudu")), "Edu's username");
        assertEquals(List.of("Edu Prado"), names(list(NOBODY, "view", "all", "q", "@Dudu.Oficial")), "typed as people show it");
        assertEquals(List.of(), names(list(NOBODY, "view", "all", "q", protocols.get("Gil Souza"))));
        assertEquals(List.of(), names(list(NOBODY, "view", "all", "q", "helena")));
        assertEquals(List.of("Carla Dias"), names(list(BIA, "view", "mine", "q", "carla")));
        assertEquals(List.of(), names(list(BIA, "view", "mine", "q", "bruno")), "a search stays within its view");
        assertEquals(List.of("Joana Alves", "Ana Souza"),
                names(list(NOBODY, "view", "all", "q", "na", "order", "opened-recent")), "not Helena Melo's closed ticket");
    }

    @Test
    void aRowCarriesTheWindowTagsAndUnansweredTimeAsTheTicketDoesOnItsOwn() {
        Map<String, JsonNode> rows = new HashMap<>();
        body(list(NOBODY, "view", "all")).path("tickets").forEach(row -> rows.put(row.path("contact").path("name").asText(), row));

        JsonNode carla = rows.get("Carla Dias");
        assertEquals(TICKETS.get("Carla Dias").value(), carla.path("id").asText());
        assertTrue(carla.path("protocol").asText().matches("\\d{8}-\\d{6}"), carla.toString());
        assertEquals("OPEN", carla.path("status").asText());
        assertEquals(PHONE_NUMBER_ID, carla.path("contact").path("phoneNumberId").asText());
        assertEquals(WA_IDS.get("Carla Dias"), carla.path("contact").path("waId").asText());
        Instant opened = NOW.minus(Duration.ofMinutes(200));
        Instant last = NOW.minus(Duration.ofMinutes(20));
        assertEquals(opened, Instant.parse(carla.path("openedAt").asText()));
        assertEquals(last, Instant.parse(carla.path("lastInboundAt").asText()));
        assertEquals("OPEN", carla.path("window").path("state").asText());
        assertEquals(last.plus(Duration.ofHours(24)), Instant.parse(carla.path("window").path("closesAt").asText()));
        assertEquals(BIA, carla.path("agent").asText());
        assertEquals("billing", carla.path("department").asText());
        assertTrue(carla.path("reservedFor").isNull());
        assertEquals("[\"vip\"]", carla.path("tags").toString());
        assertEquals(opened, Instant.parse(carla.path("unanswered").path("since").asText()),
                "since the first message no agent answered");
        assertEquals(200, carla.path("unanswered").path("minutes").asInt());
        assertEquals("red", carla.path("unanswered").path("band").asText());

        for (String unknown : List.of("userId", "parentUserId", "username")) {
            assertTrue(carla.path("contact").path(unknown).isNull(), unknown + ": " + carla.path("contact"));
        }
        JsonNode edu = rows.get("Edu Prado").path("contact");
        assertTrue(edu.path("waId").isNull(), "Meta never shared Edu's phone: " + edu);
        assertEquals(EDU, edu.path("userId").asText());
        assertEquals("dudu.oficial", edu.path("username").asText());
        assertEquals(TestContacts.key(EDU).id(), edu.path("contactKey").asText());

        assertEquals("[\"refund\",\"vip\"]", rows.get("Fábio Reis").path("tags").toString());
        assertEquals("[]", rows.get("Ana Souza").path("tags").toString());
        assertTrue(rows.get("Dani Rocha").path("unanswered").isNull(), "answered: " + rows.get("Dani Rocha"));
        JsonNode gil = rows.get("Gil Souza");
        assertEquals("CLOSED", gil.path("status").asText());
        assertTrue(gil.path("unanswered").isNull(), "a closed ticket waits for nobody");
        assertEquals("AGENT", gil.path("closing").path("reason").asText());
        assertEquals(BIA, gil.path("agent").asText(), "a closed ticket keeps who served it");
        assertEquals("green", rows.get("Joana Alves").path("unanswered").path("band").asText());
        assertEquals(0, rows.get("Joana Alves").path("unanswered").path("minutes").asInt());

        rows.forEach((name, row) -> assertEquals(row, body(getTicket(row.path("id").asText())),
                name + ": the list's row and the ticket read alone show the same"));
    }

    @Test
    void theUnansweredBandTurnsAtFifteenThirtyAndSixtyMinutes() {
        String joana = TICKETS.get("Joana Alves").value();
        Map<Duration, String> bands = new LinkedHashMap<>();
        bands.put(Duration.ofMinutes(15).minusSeconds(1), "green");
        bands.put(Duration.ofMinutes(15), "blue");
        bands.put(Duration.ofMinutes(30).minusSeconds(1), "blue");
        bands.put(Duration.ofMinutes(30), "orange");
        bands.put(Duration.ofMinutes(60).minusSeconds(1), "orange");
        bands.put(Duration.ofMinutes(60), "red");
        bands.forEach((waited, band) -> {
            MutableClockProducer.CLOCK.set(NOW.plus(waited));
            JsonNode row = body(list(NOBODY, "view", "all", "q", "joana")).path("tickets").get(0);
            assertEquals(band, row.path("unanswered").path("band").asText(), "after " + waited);
            assertEquals(waited.toMinutes(), row.path("unanswered").path("minutes").asLong(), "after " + waited);
            assertEquals(row.path("unanswered"), body(getTicket(joana)).path("unanswered"));
        });
    }

    @Test
    void pagesFollowTheCursorWithNoTicketTwiceAndNoneMissing() {
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = cursor == null
                    ? list(NOBODY, "view", "all", "limit", "3")
                    : list(NOBODY, "view", "all", "limit", "3", "cursor", cursor);
            seen.addAll(names(page));
            sizes.add(body(page).path("tickets").size());
            cursor = body(page).path("cursor").isNull() ? null : body(page).path("cursor").asText();
        } while (cursor != null && sizes.size() < 10);
        assertEquals(BY_LAST_MESSAGE, seen);
        assertEquals(List.of(3, 3, 3, 1), sizes);

        JsonNode first = list(BIA, "view", "open", "order", "opened-oldest", "limit", "2");
        assertEquals(List.of("Ana Souza", "Bruno Lima"), names(first));
        String next = body(first).path("cursor").asText();
        JsonNode rest = list(BIA, "view", "open", "order", "opened-oldest", "limit", "10", "cursor", next);
        assertEquals(List.of("Carla Dias", "Edu Prado", "Joana Alves"), names(rest), "a page size may change between pages");
        JsonNode second = body(rest);
        assertTrue(second.path("cursor").isNull(), "the last page has no cursor");
        assertFalse(next.contains("=") || next.contains("+") || next.contains("/"), "base64url, no padding: " + next);

        JsonNode elsewhere = list(BIA, "view", "mine", "cursor", next);
        assertError(400, "invalid_request", elsewhere);
        assertTrue(body(elsewhere).path("message").asText().startsWith("cursor"), elsewhere.toString());
        assertError(400, "invalid_request", list(CAIO, "view", "open", "order", "opened-oldest", "cursor", next));
    }

    @Test
    void badParametersAreRefusedNamingEachAndChangeNothing() {
        List<List<String>> tables = List.of(TableSnapshot.of(dynamo, config.tables().contacts()),
                TableSnapshot.of(dynamo, config.tables().directory()));
        String[][] bad = {
                {"view", "everything"}, {"view", ""}, {"order", "newest"}, {"department", "no such id!"},
                {"agent", "not-an-email"}, {"tag", "two words"}, {"tag", "vip,refund"}, {"q", "a"}, {"q", " "},
                {"limit", "0"}, {"limit", "101"}, {"limit", "ten"}, {"cursor", "not a cursor"}, {"cursor", "e30"},
                {"sort", "recent"}};
        for (String[] parameter : bad) {
            JsonNode response = list(BIA, parameter[0], parameter[1]);
            assertError(400, "invalid_request", response);
            String message = body(response).path("message").asText();
            assertTrue(message.startsWith(parameter[0]), parameter[0] + "=" + parameter[1] + " names it: " + message);
        }
        assertEquals(tables, List.of(TableSnapshot.of(dynamo, config.tables().contacts()),
                TableSnapshot.of(dynamo, config.tables().directory())));
        assertEquals(BY_LAST_MESSAGE, names(list(BIA, "view", "all", "limit", "100")), "100 is the largest page");
        assertEquals(BY_LAST_MESSAGE.subList(0, 1), names(list(BIA, "view", "all", "limit", " 1")), "1 the smallest");
    }

    @Test
    void theCallersOwnListsNeedAnAgentAsTheCaller() {
        assertError(401, "unauthenticated", list(NOBODY));
        assertError(401, "unauthenticated", list(NOBODY, "view", "mine"));
        assertError(403, "not_an_agent", list(STRANGER, "view", "mine"));
        assertError(403, "not_an_agent", list(STRANGER, "view", "open"));
        assertEquals(BY_LAST_MESSAGE.size(), names(list(NOBODY, "view", "all")).size());
        assertEquals(4, names(list(STRANGER, "view", "in-service")).size());
    }
}
