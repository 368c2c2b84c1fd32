package io.janela.adapters.dynamodb;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.application.desk.TicketListStore.Caller;
import io.janela.application.desk.TicketListStore.TicketPage;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.TicketListing;
import io.janela.domain.desk.TicketListing.Order;
import io.janela.domain.desk.TicketListing.View;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.support.CapacityMeter;
import io.janela.support.DeskTicketWrites;
import io.janela.support.IngestHarness;
import io.janela.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The ticket list's reads on DynamoDB Local: which index each list reads, pages that merge the LIVE
 * and CLOSED partitions with no row twice and none missing, the bound on what a sparse filter reads,
 * and cursors checked strictly. Tickets are opened by the real ingest.
 */
class DynamoTicketListStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String BIA = "bia@desk.example";
    private static final Caller BIA_CALLING = new Caller(Optional.of(BIA), Set.of("billing"));
    private static final Set<String> DESK_INDEXES = Set.of("Query DeskByActivity", "Query DeskByOpening",
            "Query AgentTickets", "Query DepartmentTickets");

    private final MutableClock clock = new MutableClock(NOW);
    private final CapacityMeter meter = new CapacityMeter();
    private IngestHarness desk;
    private DeskTicketWrites writes;
    private DynamoTicketListStore tickets;

    @BeforeEach
    void tables() {
        desk = new IngestHarness(clock, meter);
        writes = new DeskTicketWrites(desk.dynamo, desk.tables.contacts());
        tickets = new DynamoTicketListStore(desk.dynamo, desk.tables.contacts());
    }

    @AfterEach
    void close() {
        desk.close();
    }

    private record Seeded(ContactKey contact, TicketId id) {
    }

    private Seeded customerWrote(int n, String name, Instant at) {
        String waId = String.format(Locale.ROOT, "55119%08d", n);
        desk.deliver(notification().text(waId, name, "wamid.L" + n + "." + at.getEpochSecond(), at, "Oi"));
        ContactKey contact = TestContacts.key(waId);
        return new Seeded(contact, desk.contacts.findContact(contact).orElseThrow().openTicket().orElseThrow().id());
    }

    private static TicketListing listing(View view, Order order, int limit) {
        return new TicketListing(view, Optional.empty(), Optional.empty(), Optional.empty(), order, Optional.empty(), limit);
    }

    /** Every page of a list, following each cursor to the end; checks each request reads only desk indexes. */
    private List<TicketPage> allPages(TicketListing listing, Caller caller, DynamoTicketListStore reader) {
        List<TicketPage> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            meter.reset();
            TicketPage page = reader.list(listing, caller, cursor);
            assertTrue(DESK_INDEXES.containsAll(meter.operations()), "only Queries of the desk's indexes: " + meter.operations());
            pages.add(page);
            cursor = page.cursor();
            assertTrue(pages.size() < 200, "the list ends");
        } while (cursor.isPresent());
        return pages;
    }

    private static List<Ticket> rows(List<TicketPage> pages) {
        return pages.stream().flatMap(page -> page.tickets().stream()).toList();
    }

    @Test
    void pagesOfEveryTicketMergeLiveAndClosedWithNoRowTwiceAndNoneMissing() {
        List<Seeded> seeded = new ArrayList<>();
        for (int n = 0; n < 23; n++) {
            // openedAt and lastInboundAt in threes on the same second: ties inside and across partitions
            Instant opened = NOW.minus(Duration.ofHours(3)).plusSeconds(60L * (n / 3));
            Seeded ticket = customerWrote(n, "Cliente " + n, opened);
            if (n % 4 == 0) {
                customerWrote(n, "Cliente " + n, NOW.minusSeconds(600 + 60L * (n % 3)));
            }
            seeded.add(ticket);
        }
        for (int n = 0; n < seeded.size(); n++) {
            if (n % 3 != 1 && n % 5 != 0) {
                continue;
            }
            writes.close(seeded.get(n).contact(), seeded.get(n).id(), BIA, NOW.minusSeconds(60));
        }
        Set<String> everyTicket = seeded.stream().map(ticket -> ticket.id().value()).collect(Collectors.toSet());

        for (Order order : Order.values()) {
            Function<Ticket, Instant> sortedBy = order.byOpening() ? Ticket::openedAt : Ticket::lastInboundAt;
            for (int limit : List.of(1, 4, 7, 25)) {
                List<TicketPage> pages = allPages(listing(View.ALL, order, limit), Caller.NOBODY, tickets);
                List<Ticket> rows = rows(pages);
                List<String> ids = rows.stream().map(ticket -> ticket.id().value()).toList();
                String what = order + " in pages of " + limit;
                assertEquals(everyTicket.size(), ids.size(), what + ": every ticket once " + ids);
                assertEquals(everyTicket, new HashSet<>(ids), what);
                for (int i = 1; i < rows.size(); i++) {
                    int step = sortedBy.apply(rows.get(i - 1)).compareTo(sortedBy.apply(rows.get(i)));
                    assertTrue(order.newestFirst() ? step >= 0 : step <= 0, what + " in order at row " + i);
                }
                pages.forEach(page -> assertTrue(page.tickets().size() <= limit));
                assertTrue(pages.subList(0, pages.size() - 1).stream().allMatch(page -> page.tickets().size() == limit),
                        what + ": only the last page is short");
            }
        }
    }

    @Test
    void aPageReadsItsRowsAndOneMoreFromTheOneIndexPartitionItNeeds() {
        for (int n = 0; n < 30; n++) {
            Seeded ticket = customerWrote(n, "Cliente " + n, NOW.minusSeconds(60L * n));
            writes.toAgent(ticket.contact(), ticket.id(), BIA, NOW);
        }
        TicketListing mine = listing(View.MINE, Order.RECENT, 25);

        meter.reset();
        TicketPage first = tickets.list(mine, BIA_CALLING, Optional.empty());

        assertEquals(List.of("Query AgentTickets"), meter.operations());
        assertEquals(25, first.tickets().size());
        meter.reset();
        TicketPage second = tickets.list(mine, BIA_CALLING, first.cursor());
        assertEquals(List.of("Query AgentTickets"), meter.operations());
        assertEquals(5, second.tickets().size());
        assertTrue(second.cursor().isEmpty(), "the last page says so: no empty page after it");
        assertEquals(NOW.minusSeconds(60L * 25), second.tickets().get(0).lastInboundAt());
    }

    @Test
    void eachListReadsTheIndexesItsPlanNamesAndNeverScans() {
        Seeded ticket = customerWrote(1, "Ana", NOW.minusSeconds(60));
        writes.toDepartment(ticket.contact(), ticket.id(), "billing", NOW);
        writes.toAgent(ticket.contact(), ticket.id(), BIA, NOW);
        writes.tag(ticket.contact(), ticket.id(), "vip");
        Optional<String> billing = Optional.of("billing");
        Optional<String> bia = Optional.of(BIA);
        Optional<String> none = Optional.empty();
        record Case(TicketListing listing, List<String> reads) {
        }
        List<Case> cases = List.of(
                new Case(new TicketListing(View.MINE, none, none, none, Order.RECENT, none, 25), List.of("Query AgentTickets")),
                new Case(new TicketListing(View.OPEN, none, bia, none, Order.OLDEST, none, 25), List.of("Query AgentTickets")),
                new Case(new TicketListing(View.OPEN, billing, none, none, Order.RECENT, none, 25),
                        List.of("Query DepartmentTickets")),
                new Case(new TicketListing(View.IN_SERVICE, none, none, Optional.of("vip"), Order.RECENT, none, 25),
                        List.of("Query DeskByActivity")),
                new Case(new TicketListing(View.ALL, none, none, none, Order.RECENT, Optional.of("ana"), 25),
                        List.of("Query DeskByActivity")),
                new Case(new TicketListing(View.ALL, none, bia, none, Order.RECENT, none, 25),
                        List.of("Query AgentTickets", "Query DeskByActivity")),
                new Case(new TicketListing(View.ALL, billing, none, none, Order.OLDEST, none, 25),
                        List.of("Query DepartmentTickets", "Query DeskByActivity")),
                new Case(new TicketListing(View.ALL, none, none, none, Order.OPENED_RECENT, none, 25),
                        List.of("Query DeskByOpening", "Query DeskByOpening")),
                new Case(new TicketListing(View.MINE, none, none, none, Order.OPENED_OLDEST, none, 25),
                        List.of("Query DeskByOpening")),
                new Case(new TicketListing(View.MINE, none, Optional.of("caio@desk.example"), none, Order.RECENT, none, 25),
                        List.of()));
        for (Case listed : cases) {
            meter.reset();
            TicketPage page = tickets.list(listed.listing(), BIA_CALLING, Optional.empty());
            assertEquals(listed.reads(), meter.operations(), listed.listing().toString());
            assertEquals(listed.reads().isEmpty() ? 0 : 1, page.tickets().size(), listed.listing() + " finds Ana");
        }
    }

    @Test
    void aSparseFilterReadsAtMostItsBudgetPerRequestAndTheCursorGoesOnFromThere() {
        List<Seeded> seeded = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            seeded.add(customerWrote(n, n == 12 || n == 95 ? "Zuleica " + n : "Cliente " + n, NOW.minusSeconds(60L * n)));
        }
        EntriesRead entries = new EntriesRead();
        try (IngestHarness counted = new IngestHarness(desk.tables, clock, meter, entries)) {
            DynamoTicketListStore bounded = new DynamoTicketListStore(counted.dynamo, desk.tables.contacts(), 10, 30);
            TicketListing zuleicas = new TicketListing(View.ALL, Optional.empty(), Optional.empty(), Optional.empty(),
                    Order.RECENT, Optional.of("zuleica"), 5);

            List<TicketPage> pages = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                entries.reset();
                TicketPage page = bounded.list(zuleicas, Caller.NOBODY, cursor);
                assertTrue(entries.read() < 30 + 10, "the budget, and at most one page past it: " + entries.read());
                pages.add(page);
                cursor = page.cursor();
            } while (cursor.isPresent() && pages.size() < 20);

            assertEquals(List.of(seeded.get(12).id(), seeded.get(95).id()), rows(pages).stream().map(Ticket::id).toList());
            assertTrue(pages.size() >= 3, "100 entries, about 30 a request: " + pages);
            assertEquals(1, pages.get(0).tickets().size(), "the first request found one within its budget");
            assertTrue(pages.stream().anyMatch(page -> page.tickets().isEmpty() && page.cursor().isPresent()),
                    "a request that found none within its budget says where to go on");
        }
    }

    /** Index entries the Queries read, filtered out or not. */
    private static final class EntriesRead implements ExecutionInterceptor {
        private int read;

        void reset() {
            read = 0;
        }

        int read() {
            return read;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse query) {
                read += query.scannedCount();
            }
        }
    }

    @Test
    void aCursorGoesOnWhateverThePageSizeOfTheNextPage() {
        for (int n = 0; n < 12; n++) {
            customerWrote(n, "Cliente " + n, NOW.minusSeconds(60L * n));
        }
        TicketPage first = tickets.list(listing(View.ALL, Order.OLDEST, 5), Caller.NOBODY, Optional.empty());
        TicketPage rest = tickets.list(listing(View.ALL, Order.OLDEST, 100), Caller.NOBODY, first.cursor());

        List<Instant> seen = new ArrayList<>();
        first.tickets().forEach(ticket -> seen.add(ticket.lastInboundAt()));
        rest.tickets().forEach(ticket -> seen.add(ticket.lastInboundAt()));
        List<Instant> expected = new ArrayList<>();
        for (int n = 11; n >= 0; n--) {
            expected.add(NOW.minusSeconds(60L * n));
        }
        assertEquals(expected, seen);
        assertTrue(rest.cursor().isEmpty());
    }

    @Test
    void aCursorIsCheckedStrictlyAndABadOneNamesTheParameter() {
        for (int n = 0; n < 4; n++) {
            Seeded ticket = customerWrote(n, "Cliente " + n, NOW.minusSeconds(60L * n));
            writes.toAgent(ticket.contact(), ticket.id(), BIA, NOW);
        }
        TicketListing all = listing(View.ALL, Order.RECENT, 2);
        String cursor = tickets.list(all, Caller.NOBODY, Optional.empty()).cursor().orElseThrow();
        String mine = tickets.list(listing(View.MINE, Order.RECENT, 2), BIA_CALLING, Optional.empty()).cursor().orElseThrow();
        String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);

        List<String> bad = List.of(
                "not a cursor!",
                encode("hello"),
                encode(json.replace("\"v\":1", "\"v\":2")),
                encode(json.replaceFirst("\"p\":\\[", "\"p\":[null,")),
                encode(json.replace("TICKET#", "PROFILE#")),
                encode(json.replaceAll("\\[\\d+,\"C#[^]]*]", "\"done\"").replace("null", "\"done\"")),
                encode(json + " {}"),
                encode(json.replace("{", "{\"x\":1,")),
                "A".repeat(5000),
                mine);
        meter.reset();
        for (String forged : bad) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> tickets.list(all, Caller.NOBODY, Optional.of(forged)), forged);
            assertTrue(refused.getMessage().startsWith("cursor "), refused.getMessage());
        }
        assertEquals(List.of(), meter.operations(), "a bad cursor reads nothing");
        assertTrue(tickets.list(all, Caller.NOBODY, Optional.of(cursor)).tickets().size() == 2, "the real one goes on");
        assertFalse(json.contains(BIA), "the cursor of the whole list carries no caller");
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
