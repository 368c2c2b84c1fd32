package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.desk.TicketListStore.Caller;
import io.janela.domain.desk.TicketListing;
import io.janela.domain.desk.TicketListing.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Which index partitions a ticket list reads, and what each filters out. The partition does the
 * narrowing wherever an index holds exactly what was asked (an agent's tickets, a department's); a
 * filter does the rest. A list of closed tickets too ({@code all}, no search) reads the LIVE and the
 * CLOSED partition and merges them in order.
 *
 * <pre>
 *   order by last message:  mine, agent=X        AgentTickets[X]
 *                           department=D         DepartmentTickets[D]
 *                           otherwise            DeskByActivity[LIVE]
 *                           all (no search)      + DeskByActivity[CLOSED]
 *   order by opening:       DeskByOpening[LIVE], + DeskByOpening[CLOSED] for all (no search)
 * </pre>
 */
final class DeskListPlan {

    static final String DESK_STATE = "deskState";
    static final String LAST_INBOUND_AT = "lastInboundAt";
    static final String OPENED_AT = "openedAt";
    /** What {@code IN} takes at most in one clause. */
    private static final int IN_MAX = 100;
    private static final Map<String, String> HOLDER = Map.of("#holder", "holder");
    private static final Pattern PHONE_LIKE = Pattern.compile("[+0-9 ().-]+");

    private DeskListPlan() {
    }

    /** One Query of the list: an index partition in the list's order, and what its rows must also be. */
    record IndexRead(String index, String partitionAttribute, String partition, String sortAttribute,
            boolean oldestFirst, Filter filter) {

        QueryRequest.Builder query(String table, int pageSize, Map<String, AttributeValue> startKey) {
            Map<String, String> names = new HashMap<>(filter.names());
            Map<String, AttributeValue> values = new HashMap<>(filter.values());
            names.put("#partition", partitionAttribute);
            values.put(":partition", s(partition));
            return QueryRequest.builder()
                    .tableName(table)
                    .indexName(index)
                    .keyConditionExpression("#partition = :partition")
                    .filterExpression(filter.isEmpty() ? null : filter.expression())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(oldestFirst)
                    .limit(pageSize)
                    .exclusiveStartKey(startKey);
        }

        /** The index key of an item this read returned, which a Query can start after. */
        Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
            return Map.of(partitionAttribute, item.get(partitionAttribute), sortAttribute, item.get(sortAttribute),
                    ContactItems.PK, item.get(ContactItems.PK), ContactItems.SK, item.get(ContactItems.SK));
        }

        /** An index key rebuilt from a cursor's position. */
        Map<String, AttributeValue> keyAt(long sort, String pk, String sk) {
            return Map.of(partitionAttribute, s(partition), sortAttribute, Attributes.n(sort),
                    ContactItems.PK, s(pk), ContactItems.SK, s(sk));
        }
    }

    /** Clauses joined by AND, with the names and values they use. */
    record Filter(List<String> clauses, Map<String, String> names, Map<String, AttributeValue> values) {
        static Filter none() {
            return new Filter(List.of(), Map.of(), Map.of());
        }

        static Filter of(String clause, Map<String, String> names, Map<String, AttributeValue> values) {
            return new Filter(List.of(clause), names, values);
        }

        /** One of two filters: {@code (a OR b)}. */
        static Filter either(Filter a, Filter b) {
            return a.and(b).withClauses(List.of("(" + a.expression() + " OR " + b.expression() + ")"));
        }

        Filter and(Filter other) {
            List<String> allClauses = new ArrayList<>(clauses);
            allClauses.addAll(other.clauses());
            Map<String, String> allNames = new HashMap<>(names);
            allNames.putAll(other.names());
            Map<String, AttributeValue> allValues = new HashMap<>(values);
            allValues.putAll(other.values());
            return new Filter(List.copyOf(allClauses), Map.copyOf(allNames), Map.copyOf(allValues));
        }

        Filter and(Optional<Filter> other) {
            return other.map(this::and).orElse(this);
        }

        private Filter withClauses(List<String> replaced) {
            return new Filter(replaced, names, values);
        }

        boolean isEmpty() {
            return clauses.isEmpty();
        }

        String expression() {
            return String.join(" AND ", clauses);
        }
    }

    static List<IndexRead> plan(TicketListing listing, Caller caller) {
        Optional<String> holder = listing.view() == View.MINE ? Optional.of(callerEmail(caller)) : listing.agent();
        if (listing.view() == View.MINE && listing.agent().filter(agent -> !agent.equals(holder.get())).isPresent()) {
            return List.of(); // the caller's own tickets held by someone else: none, and nothing to read
        }
        Filter common = Filter.none().and(tag(listing)).and(search(listing));
        Optional<IndexRead> live = listing.order().byOpening()
                ? Optional.of(liveByOpening(listing, caller, common))
                : liveByActivity(listing, caller, holder, common);
        if (live.isEmpty()) {
            return List.of();
        }
        List<IndexRead> reads = new ArrayList<>(List.of(live.get()));
        if (!listing.liveOnly()) {
            Filter closed = common.and(agent(listing.agent())).and(department(listing.department()));
            reads.add(listing.order().byOpening()
                    ? read(ContactItems.DESK_OPENING_INDEX, DESK_STATE, ContactItems.CLOSED, OPENED_AT, listing, closed)
                    : read(ContactItems.DESK_ACTIVITY_INDEX, DESK_STATE, ContactItems.CLOSED, LAST_INBOUND_AT, listing, closed));
        }
        return List.copyOf(reads);
    }

    /**
     * The partition key of the index read says part of what the view asks (and a filter may not name it,
     * as DynamoDB refuses): a holder's tickets are assigned; a department's are in that department.
     * Empty when the partition holds nothing the view wants.
     */
    private static Optional<IndexRead> liveByActivity(TicketListing listing, Caller caller, Optional<String> holder,
            Filter common) {
        if (holder.isPresent()) {
            Filter filter = common.and(department(listing.department()));
            if (listing.view() == View.OPEN) {
                if (caller.departments().isEmpty()) {
                    return Optional.empty(); // assigned, so open only through a department the caller has none of
                }
                filter = filter.and(inDepartments(caller.departments()));
            }
            return Optional.of(read(ContactItems.AGENT_INDEX, "holder", holder.get(), LAST_INBOUND_AT, listing, filter));
        }
        if (listing.department().isPresent()) {
            String department = listing.department().get();
            Filter filter = common;
            if (listing.view() == View.IN_SERVICE) {
                filter = filter.and(assigned());
            } else if (listing.view() == View.OPEN && !caller.departments().contains(department)) {
                filter = filter.and(unassigned());
            }
            return Optional.of(read(ContactItems.DEPARTMENT_INDEX, "queue", department, LAST_INBOUND_AT, listing, filter));
        }
        Filter filter = common.and(view(listing.view(), caller));
        return Optional.of(read(ContactItems.DESK_ACTIVITY_INDEX, DESK_STATE, ContactItems.LIVE, LAST_INBOUND_AT, listing,
                filter));
    }

    private static IndexRead liveByOpening(TicketListing listing, Caller caller, Filter common) {
        Filter filter = common.and(view(listing.view(), caller)).and(department(listing.department()));
        if (listing.view() != View.MINE) {
            filter = filter.and(agent(listing.agent()));
        }
        return read(ContactItems.DESK_OPENING_INDEX, DESK_STATE, ContactItems.LIVE, OPENED_AT, listing, filter);
    }

    private static IndexRead read(String index, String partitionAttribute, String partition, String sortAttribute,
            TicketListing listing, Filter filter) {
        return new IndexRead(index, partitionAttribute, partition, sortAttribute, !listing.order().newestFirst(), filter);
    }

    /** What the view asks of a ticket that is not closed, read from the LIVE partition. */
    private static Optional<Filter> view(View view, Caller caller) {
        return switch (view) {
            case ALL -> Optional.empty();
            case MINE -> Optional.of(Filter.of("#holder = :caller", HOLDER, Map.of(":caller", s(callerEmail(caller)))));
            case IN_SERVICE -> Optional.of(assigned());
            case OPEN -> Optional.of(caller.departments().isEmpty()
                    ? unassigned()
                    : Filter.either(unassigned(), inDepartments(caller.departments())));
        };
    }

    private static Filter assigned() {
        return Filter.of("attribute_exists(#holder)", HOLDER, Map.of());
    }

    private static Filter unassigned() {
        return Filter.of("attribute_not_exists(#holder)", HOLDER, Map.of());
    }

    /** In one of the departments ({@code IN} takes up to 100 values a clause). */
    private static Filter inDepartments(Set<String> departments) {
        List<String> sorted = departments.stream().sorted().toList();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> ins = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += IN_MAX) {
            List<String> placeholders = new ArrayList<>();
            for (int i = from; i < Math.min(sorted.size(), from + IN_MAX); i++) {
                placeholders.add(":d" + i);
                values.put(":d" + i, s(sorted.get(i)));
            }
            ins.add("#queue IN (" + String.join(", ", placeholders) + ")");
        }
        String clause = ins.size() == 1 ? ins.get(0) : "(" + String.join(" OR ", ins) + ")";
        return Filter.of(clause, Map.of("#queue", "queue"), values);
    }

    /** Who holds or held it: closed tickets keep {@code agent} as who served them. */
    private static Optional<Filter> agent(Optional<String> agent) {
        return agent.map(email -> Filter.of("#agent = :agent", Map.of("#agent", "agent"), Map.of(":agent", s(email))));
    }

    private static Optional<Filter> department(Optional<String> department) {
        return department.map(id -> Filter.of("#department = :department",
                Map.of("#department", "department"), Map.of(":department", s(id))));
    }

    private static Optional<Filter> tag(TicketListing listing) {
        return listing.tag().map(tag -> Filter.of("contains(#tags, :tag)", Map.of("#tags", "tags"),
                Map.of(":tag", s(tag))));
    }

    /**
     * The search text holds the name (lower-case), the phone's digits, the username (after an {@code @})
     * and the protocol: a phone typed as "+55 (11) 98765-4321" is looked for by its digits too.
     */
    private static Optional<Filter> search(TicketListing listing) {
        return listing.search().map(text -> {
            Map<String, String> names = Map.of("#search", "search");
            String digits = text.replaceAll("[^0-9]", "");
            if (PHONE_LIKE.matcher(text).matches() && !digits.equals(text) && digits.length() >= TicketListing.MIN_SEARCH) {
                return Filter.of("(contains(#search, :q) OR contains(#search, :digits))", names,
                        Map.of(":q", s(text), ":digits", s(digits)));
            }
            return Filter.of("contains(#search, :q)", names, Map.of(":q", s(text)));
        });
    }

    private static String callerEmail(Caller caller) {
        return caller.email().orElseThrow(() -> new IllegalStateException("the caller's own list needs the caller"));
    }
}
