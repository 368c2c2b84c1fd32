package io.janela.application.ingest;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.contacts.ContactStore.ContactRecord;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import io.janela.support.FailingWrites;
import io.janela.support.DerivedContactKeys;
import io.janela.support.IngestHarness;
import io.janela.support.TestDynamo;
import io.janela.support.MetaPayloads;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class WebhookIngestTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(7_200), ZoneOffset.UTC);
    private static final String ANA = "5511987654321";
    private static final String BRUNO = "5521912345678";
    private static final ContactKey ANA_KEY = TestContacts.key(ANA);

    private final List<IngestHarness> opened = new ArrayList<>();

    private IngestHarness harness() {
        IngestHarness harness = new IngestHarness(CLOCK);
        opened.add(harness);
        return harness;
    }

    /**
     * One contact at a time: two tickets opened by one POST at once may take their protocol numbers
     * in either order, so the tests that compare whole tables apply contacts one after the other.
     */
    private IngestHarness sequential() {
        IngestHarness harness = new IngestHarness(TestDynamo.freshTables(), CLOCK, 1, new DerivedContactKeys());
        opened.add(harness);
        return harness;
    }

    @AfterEach
    void closeClients() {
        opened.forEach(IngestHarness::close);
    }

    private static ContactRecord contact(IngestHarness harness, String waId) {
        return harness.contacts.findContact(TestContacts.key(waId)).orElseThrow();
    }

    private static Map<String, AttributeValue> item(IngestHarness harness, String waId, String sortKey) {
        return harness.contactItem(waId, sortKey);
    }

    @Test
    void aFirstMessageOpensAWaitingTicketAndTheWindow() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi, meu pedido não chegou"));

        ContactRecord ana = contact(desk, ANA);
        assertEquals(Optional.of(T0), ana.window().lastInboundAt());
        assertEquals(Optional.of(T0.plusSeconds(86_400)), ana.window().closesAt());
        assertEquals(Optional.of("Ana"), ana.profile().name());
        Ticket ticket = ana.openTicket().orElseThrow();
        assertEquals(TicketStatus.WAITING, ticket.status());
        assertEquals("20261121-000001", ticket.protocol().value());
        assertEquals(T0, ticket.openedAt());
        assertEquals(Optional.of(ticket), desk.contacts.findTicket(ticket.id()));

        Map<String, AttributeValue> stored = item(desk, ANA, "IN#wamid.A1");
        assertEquals("text", stored.get("type").s());
        assertEquals(ticket.id().value(), stored.get("ticket").s());
        assertTrue(stored.get("message").s().contains("meu pedido não chegou"), stored.get("message").s());
        assertEquals(Map.of(), item(desk, ANA, "WINDOW"), "the ticket carries the window: no WINDOW item written");

        desk.deliver(notification().text(ANA, "Ana", "wamid.A2", T0.plusSeconds(1), "mais uma"));
        assertEquals(ticket.id(), desk.contacts.findTicket(ticket.id()).orElseThrow().id(),
                "messages on the ticket do not shadow it in the id index");
    }

    @Test
    void laterMessagesJoinTheOpenTicketAndMoveItsWindow() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi"));
        desk.deliver(notification().image(ANA, "Ana", "wamid.A2", T0.plusSeconds(60)));
        desk.deliver(notification().text(BRUNO, "Bruno", "wamid.B1", T0.plusSeconds(90), "Olá"));

        Ticket ana = contact(desk, ANA).openTicket().orElseThrow();
        assertEquals(T0, ana.openedAt());
        assertEquals(T0.plusSeconds(60), ana.lastInboundAt());
        assertEquals("20261121-000001", ana.protocol().value());
        assertEquals(ana.id().value(), item(desk, ANA, "IN#wamid.A2").get("ticket").s());
        assertEquals(Long.toString(T0.plusSeconds(60 + 86_400).getEpochSecond()),
                item(desk, ANA, "TICKET#" + ana.id()).get("dueAt").n(), "the due index follows the newest message");
        assertEquals("20261121-000002", contact(desk, BRUNO).openTicket().orElseThrow().protocol().value());
    }

    @Test
    void aLateMessageIsKeptButNeverMovesTheWindowBackwards() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.A2", T0.plusSeconds(600), "segunda"));
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "primeira"));

        ContactRecord ana = contact(desk, ANA);
        assertEquals(Optional.of(T0.plusSeconds(600)), ana.window().lastInboundAt());
        assertEquals(T0.plusSeconds(600), ana.openTicket().orElseThrow().lastInboundAt());
        assertEquals(ana.openTicket().orElseThrow().id().value(), item(desk, ANA, "IN#wamid.A1").get("ticket").s());
    }

    @Test
    void aBlockedContactsMessagesAreStoredButOpenNoTicket() {
        IngestHarness desk = harness();
        desk.dynamo.putItem(request -> request.tableName(desk.tables.contacts()).item(Map.of(
                "pk", AttributeValue.fromS("C#" + TestContacts.key(ANA).id()),
                "sk", AttributeValue.fromS("PROFILE"),
                "blocked", AttributeValue.fromBool(true))));
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi"));

        ContactRecord ana = contact(desk, ANA);
        assertTrue(ana.profile().blocked());
        assertEquals(Optional.empty(), ana.openTicket());
        assertEquals(Optional.of(T0), ana.window().lastInboundAt(), "the window is Meta's fact either way");
        assertEquals(Long.toString(T0.plusSeconds(86_400).getEpochSecond()), item(desk, ANA, "WINDOW").get("expiresAt").n(),
                "with no ticket, the WINDOW item keeps it, its TTL mirroring closesAt");
        assertEquals("text", item(desk, ANA, "IN#wamid.A1").get("type").s());
    }

    @Test
    void aSystemMessageIsStoredButIsNotTheCustomerWriting() {
        IngestHarness desk = harness();
        desk.deliver(notification().message(ANA, "Ana", "wamid.S1", "system", T0, message -> message.putObject("system")
                .put("body", "User changed number").put("type", "user_changed_number").put("wa_id", "5511900000000")));

        ContactRecord ana = contact(desk, ANA);
        assertEquals(Optional.empty(), ana.window().lastInboundAt());
        assertEquals(Optional.empty(), ana.openTicket());
        assertEquals("system", item(desk, ANA, "IN#wamid.S1").get("type").s());
    }

    @Test
    void messageTypesJanelaDoesNotKnowAreKeptWhole() {
        IngestHarness desk = harness();
        desk.deliver(notification().message(ANA, "Ana", "wamid.N1", "hologram", T0,
                message -> message.putObject("hologram").put("depth", 3)));

        assertTrue(item(desk, ANA, "IN#wamid.N1").get("message").s().contains("\"hologram\":{\"depth\":3}"));
        assertTrue(contact(desk, ANA).openTicket().isPresent());
    }

    @Test
    void aMessageAfterTheTicketClosedOpensANewOne() {
        IngestHarness desk = harness();
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi"));
        TicketId first = contact(desk, ANA).openTicket().orElseThrow().id();
        // closed by hand here (the sweeper and desk close come later); the profile still points at it
        desk.dynamo.updateItem(request -> request.tableName(desk.tables.contacts())
                .key(Map.of("pk", AttributeValue.fromS("C#" + TestContacts.key(ANA).id()),
                        "sk", AttributeValue.fromS("TICKET#" + first)))
                .updateExpression("SET #s = :closed REMOVE dueShard")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":closed", AttributeValue.fromS("CLOSED"))));

        desk.deliver(notification().text(ANA, "Ana", "wamid.A2", T0.plusSeconds(3600), "Voltei"));

        Ticket second = contact(desk, ANA).openTicket().orElseThrow();
        assertNotEquals(first, second.id());
        assertEquals(T0.plusSeconds(3600), second.openedAt());
        assertEquals(TicketStatus.CLOSED, desk.contacts.findTicket(first).orElseThrow().status());
    }

    @Test
    void theSamePostTwiceLeavesTheStateOfOneDelivery() {
        MetaPayloads post = notification()
                .text(ANA, "Ana", "wamid.A1", T0, "Oi")
                .image(ANA, "Ana", "wamid.A2", T0.plusSeconds(30))
                .text(BRUNO, "Bruno", "wamid.B1", T0.plusSeconds(40), "Olá")
                .status(ANA, "wamid.OUT1", "delivered", T0.plusSeconds(50))
                .templateStatus("pedido_enviado", "pt_BR", "APPROVED", "NONE", T0)
                .marketingPreference(BRUNO, "stop", T0.plusSeconds(60));
        IngestHarness once = sequential();
        once.deliver(post);
        IngestHarness twice = sequential();
        twice.deliver(post);
        twice.deliver(post);
        twice.deliver(post);

        assertEquals(once.contactsState(), twice.contactsState());
        assertEquals(once.directoryState(), twice.directoryState());
    }

    @Test
    void theSameMessageInTwoPostsIsAppliedOnce() {
        IngestHarness once = harness();
        once.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi").image(ANA, "Ana", "wamid.A2", T0.plusSeconds(9)));
        IngestHarness split = harness();
        split.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi"));
        split.deliver(notification().image(ANA, "Ana", "wamid.A2", T0.plusSeconds(9)).text(ANA, "Ana", "wamid.A1", T0, "Oi"));

        assertEquals(once.contactsState(), split.contactsState());
    }

    /** Realistic status traffic for a few sent messages, each status its own POST. */
    private static List<MetaPayloads> statusTraffic() {
        List<MetaPayloads> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String wamid = "wamid.OUT" + i;
            String to = i % 2 == 0 ? ANA : BRUNO;
            Instant sent = T0.plusSeconds(100L * i);
            posts.add(notification().status(to, wamid, "sent", sent));
            if (i % 4 == 3) {
                posts.add(notification().failed(to, wamid, sent.plusSeconds(2), 131047, "Re-engagement message",
                        "Message failed to send because more than 24 hours have passed since the customer last replied to this number."));
                continue;
            }
            if (i % 3 != 0) { // delivered may never come
                posts.add(notification().status(to, wamid, "delivered", sent.plusSeconds(3)));
            }
            posts.add(notification().status(to, wamid, "read", sent.plusSeconds(40)));
            posts.add(notification().status(to, wamid, "sent", sent)); // a duplicate
        }
        return posts;
    }

    @Test
    void statusesInAnyOrderLeaveTheStateOfOneOrderedDelivery() {
        IngestHarness ordered = harness();
        statusTraffic().forEach(ordered::deliver);
        List<String> expected = ordered.contactsState();

        for (long seed = 1; seed <= 6; seed++) {
            List<MetaPayloads> shuffledPosts = statusTraffic();
            Collections.shuffle(shuffledPosts, new Random(seed));
            IngestHarness shuffled = harness();
            shuffledPosts.forEach(shuffled::deliver);
            shuffledPosts.subList(0, 5).forEach(shuffled::deliver); // and some delivered again
            assertEquals(expected, shuffled.contactsState(), "shuffle seed " + seed);
        }
    }

    @Test
    void readBeatsALateDeliveredAndKeepsEveryTimestamp() {
        IngestHarness desk = harness();
        desk.deliver(notification().status(ANA, "wamid.OUT1", "read", T0.plusSeconds(40)));
        desk.deliver(notification().status(ANA, "wamid.OUT1", "delivered", T0.plusSeconds(3)));
        desk.deliver(notification().status(ANA, "wamid.OUT1", "sent", T0));

        Map<String, AttributeValue> out = item(desk, ANA, "OUT#wamid.OUT1");
        assertEquals("read", out.get("status").s());
        assertEquals(Long.toString(T0.plusSeconds(40).getEpochSecond()), out.get("statusAt").n());
        assertEquals(Long.toString(T0.plusSeconds(3).getEpochSecond()), out.get("deliveredAt").n());
        assertEquals(Long.toString(T0.getEpochSecond()), out.get("sentAt").n());
        assertEquals("utility", out.get("pricingCategory").s());
    }

    @Test
    void aFailedStatusKeepsMetasCodeAndDetailsAndStaysFailed() {
        IngestHarness desk = harness();
        desk.deliver(notification().failed(ANA, "wamid.OUT1", T0.plusSeconds(2), 131047, "Re-engagement message",
                "more than 24 hours have passed"));
        desk.deliver(notification().status(ANA, "wamid.OUT1", "sent", T0));

        Map<String, AttributeValue> out = item(desk, ANA, "OUT#wamid.OUT1");
        assertEquals("failed", out.get("status").s());
        Map<String, AttributeValue> error = out.get("errors").l().get(0).m();
        assertEquals("131047", error.get("code").n());
        assertEquals("Re-engagement message", error.get("title").s());
        assertEquals("more than 24 hours have passed", error.get("details").s());
        assertEquals(Long.toString(T0.getEpochSecond()), out.get("sentAt").n());
    }

    @Test
    void theNewestTemplateReviewWins() {
        IngestHarness desk = harness();
        desk.deliver(notification().templateStatus("pedido_enviado", "pt_BR", "PAUSED", "NONE", T0.plusSeconds(600)));
        desk.deliver(notification().templateStatus("pedido_enviado", "pt_BR", "APPROVED", "NONE", T0));

        String state = String.join("\n", desk.directoryState());
        assertTrue(state.contains("pk=AttributeValue(S=TEMPLATE#pedido_enviado#pt_BR)"), state);
        assertTrue(state.contains("status=AttributeValue(S=PAUSED)"), state);

        desk.deliver(notification().templateStatus("pedido_enviado", "pt_BR", "REINSTATED", "NONE", T0.plusSeconds(900)));
        assertTrue(String.join("\n", desk.directoryState()).contains("status=AttributeValue(S=REINSTATED)"));
    }

    @Test
    void aMarketingStopSetsTheOptOutAndAResumeClearsIt() {
        IngestHarness desk = harness();
        desk.deliver(notification().marketingPreference(ANA, "stop", T0));
        assertTrue(contact(desk, ANA).profile().broadcastOptOut());

        desk.deliver(notification().marketingPreference(ANA, "resume", T0.plusSeconds(60)));
        assertEquals(false, contact(desk, ANA).profile().broadcastOptOut());

        desk.deliver(notification().marketingPreference(ANA, "stop", T0.plusSeconds(30))); // late
        assertEquals(false, contact(desk, ANA).profile().broadcastOptOut());
    }

    @Test
    void aRedeliveryAfterAnyPartialFailureCompletesTheWorkWithoutDoublingIt() {
        MetaPayloads post = notification()
                .text(ANA, "Ana", "wamid.A1", T0, "Oi")
                .image(ANA, "Ana", "wamid.A2", T0.plusSeconds(30))
                .status(ANA, "wamid.OUT1", "read", T0.plusSeconds(50))
                .status(ANA, "wamid.OUT1", "delivered", T0.plusSeconds(45))
                .marketingPreference(ANA, "stop", T0.plusSeconds(60))
                .templateStatus("pedido_enviado", "pt_BR", "APPROVED", "NONE", T0);
        FailingWrites counter = FailingWrites.counting();
        IngestHarness clean = new IngestHarness(CLOCK, counter);
        opened.add(clean);
        clean.deliver(post);
        List<String> expected = clean.contactsState();
        int writes = counter.writes();
        assertTrue(writes >= 8, "one clean delivery made " + writes + " writes");

        int injected = 0;
        for (FailingWrites.When when : FailingWrites.When.values()) {
            for (int failing = 1; failing <= writes; failing++) {
                FailingWrites failure = new FailingWrites(failing, when);
                IngestHarness broken = new IngestHarness(CLOCK, failure);
                opened.add(broken);
                boolean threw = false;
                try {
                    broken.deliver(post);
                } catch (RuntimeException injectedFailure) {
                    threw = true;
                }
                assertEquals(failure.fired(), threw, "write " + failing + " " + when + " surfaced as a failure");
                injected += failure.fired() ? 1 : 0;
                IngestHarness healthy = new IngestHarness(broken.tables, CLOCK);
                opened.add(healthy);
                healthy.deliver(post);
                assertEquals(expected, healthy.contactsState(), "after write " + failing + " failed " + when);
            }
        }
        assertTrue(injected > writes, "failures were injected " + injected + " times");
    }

    @Test
    void concurrentMessagesFromOneContactOpenOneTicket() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                IngestHarness desk = harness();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> deliveries = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    MetaPayloads post = notification().text(ANA, "Ana", "wamid.C" + i, T0.plusSeconds(i), "msg " + i);
                    deliveries.add(pool.submit(() -> {
                        start.await();
                        desk.deliver(post);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> delivery : deliveries) {
                    delivery.get();
                }
                Ticket ticket = desk.contacts.findContact(ANA_KEY).orElseThrow().openTicket().orElseThrow();
                long tickets = desk.contactsState().stream().filter(line -> line.contains("sk=AttributeValue(S=TICKET#")).count();
                assertEquals(1, tickets, "round " + round);
                for (int i = 0; i < 4; i++) {
                    assertEquals(ticket.id().value(), item(desk, ANA, "IN#wamid.C" + i).get("ticket").s());
                }
                assertEquals(T0.plusSeconds(3), ticket.lastInboundAt());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
