package io.janela.domain.campaign;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A campaign's recipients in the order given, each either ready to send or skipped for a
 * reason that needs no lookup (a bad phone, a repeated one, a missing parameter).
 */
public record Audience(List<Row> rows) {

    /** E.164 allows at most 15 digits; real WhatsApp numbers have at least 8. */
    private static final Pattern PHONE = Pattern.compile("[0-9]{8,15}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s()+.-]");
    public static final Set<String> PHONE_COLUMNS = Set.of("phone", "wa_id", "waid");

    public record Row(int number, String phone, Optional<String> waId, List<String> parameters, Optional<SkipReason> skipped) {
        public Row {
            parameters = List.copyOf(parameters);
        }
    }

    public record Entry(String phone, List<String> parameters) {
        public Entry {
            parameters = parameters == null ? List.of() : parameters.stream().map(value -> value == null ? "" : value).toList();
        }
    }

    public Audience {
        rows = List.copyOf(rows);
    }

    public static Audience of(List<Entry> entries, int parameterCount) {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Entry entry : entries) {
            int number = rows.size() + 1;
            String phone = entry.phone() == null ? "" : entry.phone().trim();
            Optional<String> waId = normalized(phone);
            Optional<SkipReason> skipped;
            if (waId.isEmpty()) {
                skipped = Optional.of(SkipReason.INVALID_PHONE);
            } else if (!seen.add(waId.get())) {
                skipped = Optional.of(SkipReason.DUPLICATE);
            } else if (entry.parameters().size() != parameterCount
                    || entry.parameters().stream().anyMatch(String::isBlank)) {
                skipped = Optional.of(SkipReason.MISSING_PARAMETER);
            } else {
                skipped = Optional.empty();
            }
            rows.add(new Row(number, phone, waId, entry.parameters(), skipped));
        }
        return new Audience(rows);
    }

    /**
     * CSV with a header row: one phone column ({@code phone} or {@code wa_id}) and one column per
     * template parameter, in the template's order.
     */
    public static Audience fromCsv(String csv, int parameterCount) {
        List<List<String>> records = Csv.parse(csv);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("audience: the CSV has no header row");
        }
        List<String> header = records.get(0).stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        List<Integer> phoneColumns = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            if (PHONE_COLUMNS.contains(header.get(column))) {
                phoneColumns.add(column);
            }
        }
        if (phoneColumns.size() != 1) {
            throw new IllegalArgumentException("audience: the CSV header needs exactly one phone column (phone or wa_id)");
        }
        if (header.size() - 1 != parameterCount) {
            throw new IllegalArgumentException("audience: the template takes " + parameterCount
                    + " parameters but the CSV has " + (header.size() - 1) + " parameter columns");
        }
        int phoneColumn = phoneColumns.get(0);
        List<Entry> entries = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            for (int column = 0; column < header.size(); column++) {
                if (column != phoneColumn) {
                    parameters.add(column < record.size() ? record.get(column).trim() : "");
                }
            }
            entries.add(new Entry(phoneColumn < record.size() ? record.get(phoneColumn) : "", parameters));
        }
        return of(entries, parameterCount);
    }

    static Optional<String> normalized(String phone) {
        String digits = PHONE_PUNCTUATION.matcher(phone).replaceAll("");
        return PHONE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    public long sendable() {
        return rows.stream().filter(row -> row.skipped().isEmpty()).count();
    }
}
