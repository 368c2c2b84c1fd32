package io.janela.domain.campaign;

import io.janela.domain.contact.CustomerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A campaign's recipients in the order given, each either ready to send or skipped for a
 * reason that needs no lookup (a bad phone or user id, a repeated one, a missing parameter).
 * A row names its recipient by phone number or by business-scoped user id (BSUID).
 */
public record Audience(List<Row> rows) {

    /** E.164 allows at most 15 digits; real WhatsApp numbers have at least 8. */
    private static final Pattern PHONE = Pattern.compile("[0-9]{8,15}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s()+.-]");
    public static final Set<String> PHONE_COLUMNS = Set.of("phone", "wa_id", "waid");
    public static final String USER_ID_COLUMN = "user_id";
    /** The longest CSV cell: Meta's bound for a template body parameter. */
    public static final int MAX_CELL = 1024;

    /**
     * Who a row names: by phone or by user id, the id as written, and the customer it is when the id is
     * a valid one.
     */
    public record Named(By by, String given, Optional<CustomerId> id) {

        public enum By { PHONE, USER_ID }

        public Named {
            Objects.requireNonNull(by, "by");
            given = Objects.requireNonNullElse(given, "");
            id = Objects.requireNonNullElse(id, Optional.empty());
        }

        /** A phone as people write it: spaces, brackets, dots, dashes and a leading + go, 8 to 15 digits stay. */
        public static Named phone(String given) {
            String written = given == null ? "" : given.trim();
            String digits = PHONE_PUNCTUATION.matcher(written).replaceAll("");
            return new Named(By.PHONE, written,
                    PHONE.matcher(digits).matches() ? Optional.of(new CustomerId.WaId(digits)) : Optional.empty());
        }

        /** A user id exactly as Meta wrote it: Meta refuses a BSUID with any part changed, so none is normalised. */
        public static Named userId(String given) {
            String written = given == null ? "" : given.trim();
            return new Named(By.USER_ID, written,
                    CustomerId.Bsuid.isBsuid(written) ? Optional.of(new CustomerId.Bsuid(written)) : Optional.empty());
        }

        /** The phone as written, for a row named by phone. */
        public Optional<String> phone() {
            return by == By.PHONE ? Optional.of(given) : Optional.empty();
        }

        /** The phone's digits, when they make a phone number. */
        public Optional<String> waId() {
            return id.filter(CustomerId.WaId.class::isInstance).map(CustomerId::value);
        }

        /** The user id as written, for a row named by user id (valid or not). */
        public Optional<String> userId() {
            return by == By.USER_ID ? Optional.of(given) : Optional.empty();
        }

        SkipReason invalid() {
            return by == By.PHONE ? SkipReason.INVALID_PHONE : SkipReason.INVALID_USER_ID;
        }
    }

    public record Row(int number, Named named, List<String> parameters, Optional<SkipReason> skipped) {
        public Row {
            Objects.requireNonNull(named, "named");
            parameters = List.copyOf(parameters);
        }
    }

    public record Entry(Named named, List<String> parameters) {
        public Entry {
            Objects.requireNonNull(named, "named");
            parameters = parameters == null ? List.of() : parameters.stream().map(value -> value == null ? "" : value).toList();
        }

        public static Entry phone(String phone, List<String> parameters) {
            return new Entry(Named.phone(phone), parameters);
        }

        public static Entry userId(String userId, List<String> parameters) {
            return new Entry(Named.userId(userId), parameters);
        }
    }

    public Audience {
        rows = List.copyOf(rows);
    }

    /**
     * Rows in the order given. A repeated id is skipped after its first row; a phone and a user id are
     * never the same id here, even when they name one customer (only the contact's links can tell).
     */
    public static Audience of(List<Entry> entries, int parameterCount) {
        List<Row> rows = new ArrayList<>();
        Set<CustomerId> seen = new HashSet<>();
        for (Entry entry : entries) {
            int number = rows.size() + 1;
            Named named = entry.named();
            Optional<SkipReason> skipped;
            if (named.id().isEmpty()) {
                skipped = Optional.of(named.invalid());
            } else if (!seen.add(named.id().get())) {
                skipped = Optional.of(SkipReason.DUPLICATE);
            } else if (entry.parameters().size() != parameterCount
                    || entry.parameters().stream().anyMatch(String::isBlank)) {
                skipped = Optional.of(SkipReason.MISSING_PARAMETER);
            } else {
                skipped = Optional.empty();
            }
            rows.add(new Row(number, named, entry.parameters(), skipped));
        }
        return new Audience(rows);
    }

    /**
     * CSV with a header row: one id column, either a phone ({@code phone} or {@code wa_id}) or a
     * business-scoped user id ({@code user_id}), and one column per template parameter, in the
     * template's order.
     */
    public static Audience fromCsv(String csv, int parameterCount) {
        List<List<String>> records = Csv.parse(csv);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("audience: the CSV has no header row");
        }
        List<String> header = records.get(0).stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        List<Integer> idColumns = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            if (PHONE_COLUMNS.contains(header.get(column)) || USER_ID_COLUMN.equals(header.get(column))) {
                idColumns.add(column);
            }
        }
        if (idColumns.size() != 1) {
            throw new IllegalArgumentException("audience: the CSV header needs exactly one id column: phone (or wa_id),"
                    + " or user_id");
        }
        if (header.size() - 1 != parameterCount) {
            throw new IllegalArgumentException("audience: the template takes " + parameterCount
                    + " parameters but the CSV has " + (header.size() - 1) + " parameter columns");
        }
        int idColumn = idColumns.get(0);
        boolean byUserId = USER_ID_COLUMN.equals(header.get(idColumn));
        List<Entry> entries = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            checkCells(record, entries.size() + 1);
            List<String> parameters = new ArrayList<>();
            for (int column = 0; column < header.size(); column++) {
                if (column != idColumn) {
                    parameters.add(column < record.size() ? record.get(column).trim() : "");
                }
            }
            String id = idColumn < record.size() ? record.get(idColumn) : "";
            entries.add(byUserId ? Entry.userId(id, parameters) : Entry.phone(id, parameters));
        }
        return of(entries, parameterCount);
    }

    /** A cell becomes a template parameter or an id, each stored with the row: bounded as Meta bounds a parameter. */
    private static void checkCells(List<String> record, int row) {
        for (String cell : record) {
            if (cell.length() > MAX_CELL) {
                throw new IllegalArgumentException("audienceCsv: row " + row + " has a cell of " + cell.length()
                        + " characters; a cell is at most " + MAX_CELL + ", Meta's bound for a template parameter");
            }
        }
    }

    public long sendable() {
        return rows.stream().filter(row -> row.skipped().isEmpty()).count();
    }
}
