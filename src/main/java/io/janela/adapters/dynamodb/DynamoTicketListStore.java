package io.janela.adapters.dynamodb;

import io.janela.adapters.dynamodb.DeskListCursor.After;
import io.janela.adapters.dynamodb.DeskListCursor.Done;
import io.janela.adapters.dynamodb.DeskListCursor.Position;
import io.janela.adapters.dynamodb.DeskListPlan.IndexRead;
import io.janela.application.desk.TicketListStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.desk.TicketListing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link TicketListStore} on the desk's indexes ({@link DeskListPlan} says which). Each partition is read
 * in the list's order a page at a time and the partitions are merged row by row, so a page of a
 * list never costs more than its rows and the pages they came in. A sparse filter reads on only
 * until {@link #READ_BUDGET} index entries were read in the request; the page then answers the rows
 * found, and its cursor goes on from where reading stopped: a list whose filter matches little costs
 * a few pages per request, never a read of the whole index.
 */
@ApplicationScoped
public class DynamoTicketListStore implements TicketListStore {

    /** Most index entries one Query reads when a filter drops some of them (a ticket entry is about 450 bytes). */
    static final int FILTERED_PAGE = 250;
    /** Index entries one request reads at most across its Queries: about 450 KB, 55 read units. */
    static final int READ_BUDGET = 1_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int filteredPage;
    private final int readBudget;

    @Inject
    public DynamoTicketListStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoTicketListStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, FILTERED_PAGE, READ_BUDGET);
    }

    /** Smaller pages and budget let a test see the bound without seeding thousands of tickets. */
    DynamoTicketListStore(DynamoDbClient dynamo, String table, int filteredPage, int readBudget) {
        this.dynamo = dynamo;
        this.table = table;
        this.filteredPage = filteredPage;
        this.readBudget = readBudget;
    }

    @Override
    public TicketPage list(TicketListing listing, Caller caller, Optional<String> cursor) {
        List<IndexRead> reads = DeskListPlan.plan(listing, caller);
        String list = DeskListCursor.list(listing, caller);
        List<Position> from = cursor.map(text -> DeskListCursor.decode(text, list, reads.size()))
                .orElseGet(() -> Collections.nCopies(reads.size(), Position.START));
        List<Partition> partitions = IntStream.range(0, reads.size())
                .mapToObj(i -> new Partition(i, reads.get(i), from.get(i)))
                .toList();
        Budget budget = new Budget();
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        while (rows.size() < listing.limit()) {
            Optional<Partition> hungry = partitions.stream().filter(Partition::needsPage).findFirst();
            if (hungry.isPresent()) {
                if (budget.spent()) {
                    break; // an unread partition may hold the next row: stop here rather than guess
                }
                hungry.get().readPage(listing.limit() - rows.size(), budget);
                continue;
            }
            Optional<Partition> next = partitions.stream().filter(Partition::hasRow).min(inOrder(listing));
            if (next.isEmpty()) {
                break;
            }
            rows.add(next.get().take());
        }
        List<Position> positions = partitions.stream().map(Partition::position).toList();
        Optional<String> more = positions.stream().allMatch(Done.class::isInstance)
                ? Optional.empty()
                : Optional.of(DeskListCursor.encode(list, positions));
        return new TicketPage(rows.stream().map(TicketItems::ticket).toList(), more);
    }

    /** The list's order across partitions; on a tie, the first partition (LIVE before CLOSED). */
    private static Comparator<Partition> inOrder(TicketListing listing) {
        Comparator<Partition> bySort = Comparator.comparingLong(Partition::headSort);
        return (listing.order().newestFirst() ? bySort.reversed() : bySort).thenComparingInt(Partition::rank);
    }

    /** Index entries read so far in this request, filtered out or not. */
    private final class Budget {
        private int read;

        boolean spent() {
            return read >= readBudget;
        }

        void add(int entries) {
            read += entries;
        }
    }

    /** One index partition of the list: its rows read but not yet taken, and where reading goes on. */
    private final class Partition {
        private final int rank;
        private final IndexRead read;
        private final Position from;
        private final Deque<Map<String, AttributeValue>> rows = new ArrayDeque<>();
        /** Where the next Query starts: null at the start of the partition. */
        private Map<String, AttributeValue> startKey;
        private Map<String, AttributeValue> lastTaken;
        private boolean exhausted;
        private int pagesRead;

        Partition(int rank, IndexRead read, Position from) {
            this.rank = rank;
            this.read = read;
            this.from = from;
            this.exhausted = from instanceof Done;
            this.startKey = from instanceof After after ? read.keyAt(after.sort(), after.pk(), after.sk()) : null;
        }

        int rank() {
            return rank;
        }

        boolean needsPage() {
            return rows.isEmpty() && !exhausted;
        }

        boolean hasRow() {
            return !rows.isEmpty();
        }

        long headSort() {
            return Long.parseLong(rows.peekFirst().get(read.sortAttribute()).n());
        }

        Map<String, AttributeValue> take() {
            lastTaken = rows.removeFirst();
            return lastTaken;
        }

        /**
         * One more page: the rows still wanted and one more (to know whether the list goes on). With a
         * filter, each page of the request reads four times more than the one before, up to the most a
         * Query reads: a filter that keeps most entries reads little more than it returns, a sparse one
         * soon reads in large pages.
         */
        void readPage(int stillWanted, Budget budget) {
            int pageSize = read.filter().isEmpty()
                    ? stillWanted + 1
                    : (int) Math.min(filteredPage, (long) (stillWanted + 1) << (2 * Math.min(pagesRead, 8)));
            QueryResponse page = dynamo.query(read.query(table, pageSize, startKey).build());
            pagesRead++;
            budget.add(page.scannedCount());
            rows.addAll(page.items());
            boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            startKey = more ? page.lastEvaluatedKey() : null;
            exhausted = !more;
        }

        /**
         * Rows read but not taken go out again on the next page, so the partition goes on after the last
         * row taken; with none left over, after the last entry read (its filter dropped the rest).
         */
        Position position() {
            if (!rows.isEmpty()) {
                return lastTaken == null ? from : after(read.keyOf(lastTaken));
            }
            if (exhausted) {
                return Position.DONE_READING;
            }
            return startKey == null ? Position.START : after(startKey);
        }

        private Position after(Map<String, AttributeValue> key) {
            return new After(Long.parseLong(key.get(read.sortAttribute()).n()), key.get(ContactItems.PK).s(),
                    key.get(ContactItems.SK).s());
        }
    }
}
