package io.janela.domain.desk;

import io.janela.domain.team.Agent;
import io.janela.domain.team.Department;
import java.util.Locale;
import java.util.Optional;

/**
 * What a desk asks of its ticket list: a view, filters, an order, a search and a page size. Each
 * value is checked here, and a bad one names its parameter.
 */
public record TicketListing(View view, Optional<String> department, Optional<String> agent, Optional<String> tag,
        Order order, Optional<String> search, int limit) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    /** A search shorter than this would match nearly every ticket. */
    public static final int MIN_SEARCH = 2;

    public enum View {
        /** Every ticket, closed ones too. */
        ALL,
        /** Not closed, and either unassigned or in one of the caller's departments. */
        OPEN,
        /** Assigned to the caller. */
        MINE,
        /** Not closed and assigned to any agent. */
        IN_SERVICE
    }

    public enum Order {
        /** Last customer message, newest first. */
        RECENT,
        /** Last customer message, oldest first. */
        OLDEST,
        OPENED_RECENT,
        OPENED_OLDEST;

        public boolean byOpening() {
            return this == OPENED_RECENT || this == OPENED_OLDEST;
        }

        public boolean newestFirst() {
            return this == RECENT || this == OPENED_RECENT;
        }
    }

    public TicketListing {
        department = department.map(Department::checkedId);
        agent = agent.map(Agent::checkedEmail);
        tag = tag.map(Tags::checked);
        search = search.map(text -> text.strip().toLowerCase(Locale.ROOT));
        if (search.filter(text -> text.length() < MIN_SEARCH).isPresent()) {
            throw new IllegalArgumentException("q must have at least " + MIN_SEARCH + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * A search looks only at tickets that are not closed, whatever the view: closed tickets are
     * found through the contact.
     */
    public boolean liveOnly() {
        return view != View.ALL || search.isPresent();
    }

    /** Parses the query-string spelling: {@code in-service}, {@code opened-recent}, ... */
    public static View view(String text) {
        return parse(View.class, "view", text);
    }

    public static Order order(String text) {
        return parse(Order.class, "order", text);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String parameter, String text) {
        try {
            return Enum.valueOf(type, text.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            StringBuilder names = new StringBuilder();
            for (E value : type.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(spelling(value));
            }
            throw new IllegalArgumentException(parameter + " must be one of " + names);
        }
    }

    /** The query-string spelling of a view or order. */
    public static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
