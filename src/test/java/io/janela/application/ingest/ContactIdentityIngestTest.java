package io.janela.application.ingest;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.contacts.ContactStore.ContactRecord;
import io.janela.application.contacts.RandomContactKeys;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.ticket.Ticket;
import io.janela.support.FailingWrites;
import io.janela.support.IngestHarness;
import io.janela.support.MetaPayloads;
import io.janela.support.MetaPayloads.Who;
import io.janela.support.TestContacts;
import io.janela.support.TestDynamo;
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

/**
 * Contacts known by phone, by business-scoped user id (BSUID), or both, on DynamoDB Local with
 * Janela's real random keys: every shape Meta sends in 2026 lands on one contact, whichever id
 * names it, and Meta's identity changes move the ids, never the contact.
 */
class ContactIdentityIngestTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(7_200), ZoneOffset.UTC);
    private static final String ANA = "5511987654321";
    private static final String ANA_USER = "BR.1502576394655843";
    private static final String SHEENA_USER = "US.13491208655302741918";
    private static final String SHEENA_PARENT = "US.ENT.11815799212886844830";

    private final List<IngestHarness> opened = new ArrayList<>();

    private IngestHarness desk() {
        return desk(8);
    }

    private IngestHarness desk(int concurrency) {
        IngestHarness harness = new IngestHarness(TestDynamo.freshTables(), CLOCK, concurrency, new RandomContactKeys());
        opened.add(harness);
        return harness;
    }

    @AfterEach
    void closeClients() {
        opened.forEach(IngestHarness::close);
    }

    private static ContactRecord contact(IngestHarness desk, String ref) {
        return desk.contacts.findContact(desk.key(ref)).orElseThrow();
    }

    private static ContactIdentity identity(String waId, String userId, String parent, String username) {
        return new ContactIdentity(Optional.ofNullable(waId).map(CustomerId.WaId::new),
                Optional.ofNullable(userId).map(CustomerId.Bsuid::new), Optional.ofNullable(parent), Optional.ofNullable(username));
    }

    @Test
    void aCustomerKnownOnlyByTheirUserIdGetsAContactAWindowAndATicket() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(Who.user(SHEENA_USER).username("sheena"), "Sheena", "wamid.S1", T0, "Oi"));

        ContactRecord sheena = contact(desk, SHEENA_USER);
        assertEquals(identity(null, SHEENA_USER, null, "sheena"), sheena.profile().identity());
        assertEquals(Optional.of(T0), sheena.window().lastInboundAt());
        Ticket ticket = sheena.openTicket().orElseThrow();
        assertEquals(identity(null, SHEENA_USER, null, "sheena"), ticket.contactIdentity());
        assertEquals(Optional.of("Sheena"), ticket.contactName());
        assertTrue(ContactKey.isKey(ticket.contact().id()));
        assertEquals(Optional.empty(), TestContacts.find(desk.dynamo, desk.tables.contacts(), "13491208655302741918"),
                "the digits of a BSUID are no phone number");
        assertEquals(Optional.of(new CustomerId.Bsuid(SHEENA_USER)), sheena.profile().address());
    }

    @Test
    void aParentUserIdIsKeptAndShownNeverUsedToFindAnyone() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(Who.user(SHEENA_USER).parent(SHEENA_PARENT).username("sheena"), "Sheena", "wamid.S1",
                T0, "Oi"));

        assertEquals(Optional.of(SHEENA_PARENT), contact(desk, SHEENA_USER).profile().identity().parentUserId());
        assertEquals(Optional.of(SHEENA_PARENT), contact(desk, SHEENA_USER).openTicket().orElseThrow().contactIdentity()
                .parentUserId());
        assertEquals(1, desk.contactsState().stream().filter(line -> line.contains("pk=AttributeValue(S=ID#")).count(),
                "one link: the BSUID");
    }

    @Test
    void aNotificationNamingBothLinksThemAndLaterOnesNamingEitherLandOnTheSameContact() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(Who.both(ANA, ANA_USER), "Ana", "wamid.A1", T0, "Oi"));
        desk.deliver(notification().text(Who.phone(ANA), "Ana", "wamid.A2", T0.plusSeconds(60), "Pelo telefone"));
        desk.deliver(notification().text(Who.user(ANA_USER).username("ana.s"), "Ana", "wamid.A3", T0.plusSeconds(120),
                "Pelo usuário"));

        assertEquals(desk.key(ANA), desk.key(ANA_USER));
        ContactRecord ana = contact(desk, ANA);
        assertEquals(identity(ANA, ANA_USER, null, "ana.s"), ana.profile().identity());
        assertEquals(Optional.of(T0.plusSeconds(120)), ana.window().lastInboundAt());
        Ticket ticket = ana.openTicket().orElseThrow();
        assertEquals(T0, ticket.openedAt());
        assertEquals(T0.plusSeconds(120), ticket.lastInboundAt());
        for (String wamid : List.of("wamid.A1", "wamid.A2", "wamid.A3")) {
            assertEquals(ticket.id().value(), desk.contactItem(ANA, "IN#" + wamid).get("ticket").s(), wamid);
        }
        assertEquals(Optional.of(new CustomerId.WaId(ANA)), ana.profile().address(), "Meta recommends the phone");
    }

    @Test
    void aPhoneContactLearnsItsUserIdFromAStatusAndKeepsItsTicketWhenTheCustomerHidesTheirPhone() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi"));
        ContactKey ana = desk.key(ANA);
        desk.deliver(notification().status(Who.both(ANA, ANA_USER), "wamid.OUT1", "delivered", T0.plusSeconds(30), s -> { }));
        assertEquals(ana, desk.key(ANA_USER), "the status's contacts entry paired phone and BSUID");
        assertEquals(identity(ANA, ANA_USER, null, null), desk.contacts.findContact(ana).orElseThrow().profile().identity(),
                "and the profile shows the BSUID at once");

        desk.deliver(notification().text(Who.user(ANA_USER).username("ana.s"), "Ana", "wamid.A2", T0.plusSeconds(90), "Oi de novo"));

        ContactRecord record = desk.contacts.findContact(ana).orElseThrow();
        assertEquals(T0, record.openTicket().orElseThrow().openedAt(), "the same open ticket");
        assertEquals(Optional.of(T0.plusSeconds(90)), record.window().lastInboundAt(), "the same window");
        assertEquals(identity(ANA, ANA_USER, null, "ana.s"), record.profile().identity());
        assertEquals("delivered", desk.contactItem(ana, "OUT#wamid.OUT1").get("status").s());
    }

    @Test
    void whenAPhoneAndAUserIdAlreadyNameTwoContactsTheirPairingLandsOnTheUserIdsAndMovesNothing() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(Who.phone(ANA), "Ana", "wamid.A1", T0, "Oi"));
        desk.deliver(notification().text(Who.user(ANA_USER), "Ana", "wamid.U1", T0.plusSeconds(10), "Oi"));
        ContactKey byPhone = desk.key(ANA);
        ContactKey byUser = desk.key(ANA_USER);
        assertNotEquals(byPhone, byUser, "nothing linked them yet");

        desk.deliver(notification().text(Who.both(ANA, ANA_USER), "Ana", "wamid.B1", T0.plusSeconds(20), "Agora com os dois"));
        desk.deliver(notification().text(Who.phone(ANA), "Ana", "wamid.A1", T0, "Oi")); // Meta delivers A1 again

        assertEquals(byUser.id(), desk.contactItem(ANA_USER, "IN#wamid.B1").get("pk").s().substring(2), "the BSUID's contact");
        assertEquals(byPhone, desk.key(ANA), "the phone still names the contact it named");
        assertEquals(1, desk.contactsState().stream().filter(line -> line.contains("sk=AttributeValue(S=IN#wamid.A1)")).count(),
                "so a redelivery of what it received is still found there");
        assertEquals(Optional.of(new CustomerId.WaId(ANA)), desk.contacts.findContact(byUser).orElseThrow().profile().identity().waId(),
                "the BSUID's contact now knows the phone too");
    }

    @Test
    void aNumberChangeMovesThePhoneNotTheContact() {
        IngestHarness desk = desk();
        String newPhone = "5511900001111";
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi"));
        ContactKey ana = desk.key(ANA);
        Ticket ticket = contact(desk, ANA).openTicket().orElseThrow();

        desk.deliver(notification().changedNumber(Who.phone(ANA), newPhone, null, "wamid.SYS1", T0.plusSeconds(600)));
        desk.deliver(notification().text(newPhone, "Ana", "wamid.A2", T0.plusSeconds(900), "Número novo"));

        assertEquals(ana, desk.key(newPhone));
        ContactRecord record = desk.contacts.findContact(ana).orElseThrow();
        assertEquals(ticket.id(), record.openTicket().orElseThrow().id(), "the same open ticket");
        assertEquals(Optional.of(T0.plusSeconds(900)), record.window().lastInboundAt());
        assertEquals(Optional.of(new CustomerId.WaId(newPhone)), record.profile().identity().waId());
        assertEquals("system", desk.contactItem(ana, "IN#wamid.SYS1").get("type").s());

        // the old number still names the contact for what came before it changed
        desk.deliver(notification().status(ANA, "wamid.OUT0", "read", T0.plusSeconds(300)));
        assertEquals("read", desk.contactItem(ana, "OUT#wamid.OUT0").get("status").s());
        assertEquals(ana, desk.key(ANA));

        // Meta gives the number to someone new: their message makes a new contact
        desk.deliver(notification().text(ANA, "Bruno", "wamid.X1", T0.plusSeconds(3_600), "Sou o novo dono do número"));
        ContactKey stranger = desk.key(ANA);
        assertNotEquals(ana, stranger);
        assertEquals(Optional.of("Bruno"), desk.contacts.findContact(stranger).orElseThrow().profile().name());
        assertEquals(ticket.id(), desk.contacts.findContact(ana).orElseThrow().openTicket().orElseThrow().id(),
                "the stranger's message joined nothing of Ana's");
    }

    @Test
    void aLateMessageFromTheOldNumberSentBeforeTheChangeStillLandsOnTheContact() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(ANA, "Ana", "wamid.A1", T0, "Oi"));
        ContactKey ana = desk.key(ANA);
        desk.deliver(notification().changedNumber(Who.phone(ANA), "5511900001111", null, "wamid.SYS1", T0.plusSeconds(600)));

        desk.deliver(notification().text(ANA, "Ana", "wamid.A0", T0.plusSeconds(300), "escrita antes da troca"));

        assertEquals(ana, desk.key(ANA));
        assertEquals(contact(desk, "5511900001111").openTicket().orElseThrow().id().value(),
                desk.contactItem(ana, "IN#wamid.A0").get("ticket").s());
    }

    @Test
    void aUserIdChangeMovesTheBsuidNotTheContact() {
        IngestHarness desk = desk();
        String newUser = "BR.99887766554433";
        desk.deliver(notification().text(Who.both(ANA, ANA_USER), "Ana", "wamid.A1", T0, "Oi"));
        ContactKey ana = desk.key(ANA);

        desk.deliver(notification().changedUserId(Who.both(ANA, ANA_USER), newUser, "wamid.SYS1", T0.plusSeconds(600)));
        desk.deliver(notification().text(Who.user(newUser), "Ana", "wamid.A2", T0.plusSeconds(900), "Oi"));

        assertEquals(ana, desk.key(newUser));
        ContactRecord record = desk.contacts.findContact(ana).orElseThrow();
        assertEquals(Optional.of(new CustomerId.Bsuid(newUser)), record.profile().identity().userId());
        assertEquals(T0, record.openTicket().orElseThrow().openedAt());
        assertEquals(Optional.of(T0.plusSeconds(900)), record.window().lastInboundAt());
        desk.deliver(notification().status(Who.user(ANA_USER), "wamid.OUT0", "read", T0.plusSeconds(300), s -> { }));
        assertEquals("read", desk.contactItem(ana, "OUT#wamid.OUT0").get("status").s(), "the old BSUID still finds its statuses");
    }

    @Test
    void metasUserIdUpdateMovesTheBsuidToo() {
        IngestHarness desk = desk();
        String newUser = "BR.11223344556677";
        desk.deliver(notification().text(Who.user(ANA_USER), "Ana", "wamid.A1", T0, "Oi"));
        ContactKey ana = desk.key(ANA_USER);

        desk.deliver(notification().userIdUpdate(null, ANA_USER, newUser, T0.plusSeconds(600)));

        assertEquals(ana, desk.key(newUser));
        assertEquals(Optional.of(new CustomerId.Bsuid(newUser)),
                desk.contacts.findContact(ana).orElseThrow().profile().identity().userId());
    }

    @Test
    void aStatusOrAPreferenceNamingSomeoneNewMakesAContactThatShowsItsIds() {
        IngestHarness desk = desk();
        desk.deliver(notification()
                .status(Who.both(ANA, ANA_USER), "wamid.OUT1", "sent", T0, s -> { })
                .marketingPreference(Who.user(SHEENA_USER).username("sheena"), "stop", T0.plusSeconds(5)));

        assertEquals(identity(ANA, ANA_USER, null, null), contact(desk, ANA).profile().identity());
        assertEquals(identity(null, SHEENA_USER, null, "sheena"), contact(desk, SHEENA_USER).profile().identity());
        assertTrue(contact(desk, SHEENA_USER).profile().broadcastOptOut());
    }

    @Test
    void statusesFindTheirMessageByPhoneOrByUserId() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(Who.phone(ANA), "Ana", "wamid.A1", T0, "Oi"));
        desk.deliver(notification().text(Who.user(SHEENA_USER), "Sheena", "wamid.S1", T0, "Oi"));

        desk.deliver(notification()
                .status(Who.phone(ANA), "wamid.OUT1", "read", T0.plusSeconds(60), s -> { })
                .status(Who.user(SHEENA_USER), "wamid.OUT2", "delivered", T0.plusSeconds(60), s -> { })
                .status(Who.user(SHEENA_USER), "wamid.OUT3", "failed", T0.plusSeconds(61), s -> { }));

        assertEquals("read", desk.contactItem(ANA, "OUT#wamid.OUT1").get("status").s());
        assertEquals("delivered", desk.contactItem(SHEENA_USER, "OUT#wamid.OUT2").get("status").s());
        assertEquals("failed", desk.contactItem(SHEENA_USER, "OUT#wamid.OUT3").get("status").s());
    }

    @Test
    void blockingAndMarketingStopsWorkTheSameForAContactKnownOnlyByItsUserId() {
        IngestHarness desk = desk();
        desk.deliver(notification().text(Who.user(SHEENA_USER), "Sheena", "wamid.S1", T0, "Oi"));
        desk.deliver(notification().marketingPreference(Who.user(SHEENA_USER), "stop", T0.plusSeconds(10)));
        assertTrue(contact(desk, SHEENA_USER).profile().broadcastOptOut());
    }

    /** A POST mixing every shape: phone, username only (with and without parent), both, statuses, a bad item. */
    private static MetaPayloads mixedBatch() {
        return notification()
                .text(Who.phone(ANA), "Ana", "wamid.A1", T0, "Oi")
                .text(Who.user(SHEENA_USER).parent(SHEENA_PARENT).username("sheena"), "Sheena", "wamid.S1", T0.plusSeconds(5), "Oi")
                .text(Who.user("MX.5550001").username("caio"), "Caio", "wamid.C1", T0.plusSeconds(6), "Hola")
                .text(Who.both("5521912345678", "BR.77766655"), "Bruno", "wamid.B1", T0.plusSeconds(7), "Olá")
                .text(Who.user(ANA_USER), "Ana", "wamid.X1", T0.plusSeconds(8), "outra pessoa")
                .status(Who.both(ANA, ANA_USER), "wamid.OUT1", "delivered", T0.plusSeconds(20), s -> { })
                .status(Who.user(SHEENA_USER), "wamid.OUT2", "read", T0.plusSeconds(21), s -> { })
                .marketingPreference(Who.user("MX.5550001"), "stop", T0.plusSeconds(30))
                .text(Who.phone("5531987651234"), "Dora", "wamid.D1", T0.plusSeconds(9), "timestamp ruim");
    }

    private static byte[] withOneBadItem(MetaPayloads batch) {
        return batch.json().replace("\"timestamp\":\"" + T0.plusSeconds(9).getEpochSecond() + "\"", "\"timestamp\":\"soon\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aBatchMixingEveryShapeIsAppliedAndItsBadItemQuarantinedAlone() {
        IngestHarness desk = desk();
        WebhookIngest.Report report = desk.deliver(withOneBadItem(mixedBatch()));

        assertEquals(8, report.applied());
        assertEquals(1, report.quarantined());
        assertTrue(contact(desk, SHEENA_USER).openTicket().isPresent());
        assertTrue(contact(desk, "MX.5550001").profile().broadcastOptOut());
        assertEquals(desk.key("5521912345678"), desk.key("BR.77766655"));
        assertNotEquals(desk.key(ANA), desk.key(ANA_USER), "a phone and a BSUID that already name two contacts stay apart");
        assertEquals("delivered", desk.contactItem(ANA_USER, "OUT#wamid.OUT1").get("status").s(),
                "the status pairing them lands on the BSUID's contact");
        assertEquals(Optional.empty(), TestContacts.find(desk.dynamo, desk.tables.contacts(), "5531987651234"),
                "the quarantined message made no contact");
        QuarantineStore.Page kept = desk.quarantine.list(10, Optional.empty());
        assertEquals(1, kept.items().size());
        assertTrue(kept.items().get(0).item().reason().endsWith("timestamp is not an instant: soon"));
        assertTrue(kept.items().get(0).item().excerpt().contains("wamid.D1"));
    }

    @Test
    void theMixedBatchDeliveredAgainOrSplitAndShuffledLeavesTheStateOfOneDelivery() {
        IngestHarness once = desk(1);
        once.deliver(withOneBadItem(mixedBatch()));
        List<String> contacts = withoutKeys(once.contactsState());
        List<String> directory = once.directoryState();

        IngestHarness again = desk(1);
        again.deliver(withOneBadItem(mixedBatch()));
        again.deliver(withOneBadItem(mixedBatch()));
        again.deliver(withOneBadItem(mixedBatch()));
        assertEquals(contacts, withoutKeys(again.contactsState()));
        assertEquals(withoutKeys(directory), withoutKeys(again.directoryState()),
                "one quarantine item, however often the update comes");
    }

    /** Statuses to customers known by phone, by BSUID and by both, each its own POST, and a bad one among them. */
    private static List<byte[]> statusTraffic() {
        List<byte[]> posts = new ArrayList<>();
        List<Who> customers = List.of(Who.phone(ANA), Who.user(SHEENA_USER), Who.both("5521912345678", "BR.77766655"));
        for (int i = 0; i < 9; i++) {
            Who to = customers.get(i % 3);
            String wamid = "wamid.OUT" + i;
            Instant sent = T0.plusSeconds(100L * i);
            posts.add(notification().status(to, wamid, "sent", sent, s -> { }).bytes());
            if (i % 4 == 3) {
                posts.add(notification().status(to, wamid, "failed", sent.plusSeconds(2), s -> s.putArray("errors").addObject()
                        .put("code", 131026).put("title", "Message undeliverable").put("message", "Message undeliverable"))
                        .bytes());
                continue;
            }
            posts.add(notification().status(to, wamid, "delivered", sent.plusSeconds(3), s -> { }).bytes());
            posts.add(notification().status(to, wamid, "read", sent.plusSeconds(40), s -> { }).bytes());
        }
        posts.add(notification().status(Who.user(SHEENA_USER), "wamid.BAD", "read", T0, s -> s.put("timestamp", "later"))
                .bytes());
        return posts;
    }

    @Test
    void statusesToEveryKindOfContactInAnyOrderLeaveTheStateOfOneOrderedDelivery() {
        MetaPayloads customersWrote = notification()
                .text(Who.phone(ANA), "Ana", "wamid.A1", T0, "Oi")
                .text(Who.user(SHEENA_USER), "Sheena", "wamid.S1", T0, "Oi")
                .text(Who.both("5521912345678", "BR.77766655"), "Bruno", "wamid.B1", T0, "Oi");
        IngestHarness ordered = desk(1);
        ordered.deliver(customersWrote);
        statusTraffic().forEach(ordered::deliver);
        List<String> expected = withoutKeys(ordered.contactsState());
        List<String> expectedDirectory = withoutKeys(ordered.directoryState());
        assertEquals(1, ordered.quarantine.list(10, Optional.empty()).items().size());

        for (long seed = 1; seed <= 4; seed++) {
            List<byte[]> shuffledPosts = statusTraffic();
            Collections.shuffle(shuffledPosts, new Random(seed));
            IngestHarness shuffled = desk(1);
            shuffled.deliver(customersWrote);
            shuffledPosts.forEach(shuffled::deliver);
            shuffledPosts.subList(0, 5).forEach(shuffled::deliver); // and some delivered again
            assertEquals(expected, withoutKeys(shuffled.contactsState()), "shuffle seed " + seed);
            assertEquals(expectedDirectory, withoutKeys(shuffled.directoryState()), "shuffle seed " + seed);
        }
    }

    @Test
    void aRedeliveryAfterAnyPartialFailureCompletesTheMixedBatchWithoutDoublingIt() {
        byte[] post = withOneBadItem(mixedBatch());
        FailingWrites counter = FailingWrites.counting();
        IngestHarness clean = new IngestHarness(TestDynamo.freshTables(), CLOCK, 1, new io.janela.support.DerivedContactKeys(),
                counter);
        opened.add(clean);
        clean.deliver(post);
        List<String> expected = clean.contactsState();
        List<String> expectedDirectory = clean.directoryState();
        int writes = counter.writes();
        assertTrue(writes >= 20, "one clean delivery made " + writes + " writes");

        for (FailingWrites.When when : FailingWrites.When.values()) {
            for (int failing = 1; failing <= writes; failing++) {
                FailingWrites failure = new FailingWrites(failing, when);
                IngestHarness broken = new IngestHarness(TestDynamo.freshTables(), CLOCK, 1,
                        new io.janela.support.DerivedContactKeys(), failure);
                opened.add(broken);
                boolean threw = false;
                try {
                    broken.deliver(post);
                } catch (RuntimeException injected) {
                    threw = true;
                }
                assertEquals(failure.fired(), threw, "write " + failing + " " + when + " surfaced as a failure");
                IngestHarness healthy = new IngestHarness(broken.tables, CLOCK, 1, new io.janela.support.DerivedContactKeys());
                opened.add(healthy);
                healthy.deliver(post);
                // the customers whose updates were applied before the failure took their protocol numbers first
                assertEquals(withoutSequences(expected), withoutSequences(healthy.contactsState()),
                        "after write " + failing + " failed " + when);
                List<String> numbers = sequences(healthy.contactsState());
                assertEquals(sequences(expected).size(), numbers.size(), "each ticket one number");
                assertEquals(numbers.size(), numbers.stream().distinct().count(), "none twice (one may be left unused)");
                assertEquals(withoutSequences(expectedDirectory), withoutSequences(healthy.directoryState()),
                        "after write " + failing + " failed " + when);
            }
        }
    }

    @Test
    void manyNewContactsWritingAtOnceAreAllAppliedOnTheFirstTry() throws Exception {
        for (int customers : List.of(20, 200)) {
            IngestHarness desk = desk();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(customers, 50));
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> posts = new ArrayList<>();
                for (int i = 0; i < customers; i++) {
                    Who who = i % 2 == 0 ? Who.phone(String.format("55119%08d", i)) : Who.user(String.format("BR.%08d", i));
                    MetaPayloads post = notification().text(who, "Cliente " + i, "wamid.N" + i, T0.plusSeconds(i % 60), "Oi");
                    posts.add(pool.submit(() -> {
                        start.await();
                        desk.deliver(post); // throws, as the webhook would answer 503, if anything was not stored
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> post : posts) {
                    post.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<String> protocols = desk.contactsState().stream()
                    .filter(line -> line.contains("sk=AttributeValue(S=TICKET#"))
                    .map(line -> line.replaceAll(".*protocol=AttributeValue\\(S=([0-9-]+)\\).*", "$1"))
                    .sorted().toList();
            assertEquals(customers, protocols.size(), customers + " tickets");
            assertEquals(customers, protocols.stream().distinct().count(), "no protocol number twice");
        }
    }

    @Test
    void twoFirstMessagesOfOneNewCustomerAtOnceMakeOneContactAndOneTicket() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 4; round++) {
                IngestHarness desk = desk();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> posts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Who who = i % 2 == 0 ? Who.both(ANA, ANA_USER) : Who.user(ANA_USER);
                    MetaPayloads post = notification().text(who, "Ana", "wamid.R" + i, T0.plusSeconds(i), "msg " + i);
                    posts.add(pool.submit(() -> {
                        start.await();
                        desk.deliver(post);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> post : posts) {
                    post.get();
                }
                assertEquals(desk.key(ANA), desk.key(ANA_USER), "round " + round);
                long contacts = desk.contactsState().stream().filter(line -> line.contains("sk=AttributeValue(S=PROFILE)")).count();
                long tickets = desk.contactsState().stream().filter(line -> line.contains("sk=AttributeValue(S=TICKET#")).count();
                assertEquals(1, contacts, "round " + round);
                assertEquals(1, tickets, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> withoutSequences(List<String> state) {
        return state.stream().map(line -> line.replaceAll("20261121-0000[0-9][0-9]", "20261121-*")
                .replaceAll("lastTicket=AttributeValue\\(S=t[0-9a-f]{34}\\)", "lastTicket=*")
                .replaceAll("sequence=AttributeValue\\(N=[0-9]+\\)", "sequence=*")).toList();
    }

    private static List<String> sequences(List<String> state) {
        return state.stream().filter(line -> line.contains("sk=AttributeValue(S=TICKET#"))
                .map(line -> line.replaceAll(".*protocol=AttributeValue\\(S=([0-9-]+)\\).*", "$1")).sorted().toList();
    }

    /** Contact keys are random: two runs compare what they hold, not where (the due shard follows the ticket id). */
    private static List<String> withoutKeys(List<String> state) {
        List<String> normalized = new ArrayList<>();
        for (String line : state) {
            normalized.add(line.replaceAll("k[0-9a-f]{24}", "k*").replaceAll("t[0-9a-f]{34}", "t*")
                    .replaceAll("DUE#[0-3]", "DUE#*"));
        }
        Collections.sort(normalized);
        return normalized;
    }
}
