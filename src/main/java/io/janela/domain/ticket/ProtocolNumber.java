package io.janela.domain.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The number a customer and an agent read to each other: the UTC day and its sequence. */
public record ProtocolNumber(String value) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public static LocalDate dayOf(Instant openedAt) {
        return LocalDate.ofInstant(openedAt, ZoneOffset.UTC);
    }

    public static ProtocolNumber of(LocalDate day, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("a protocol sequence starts at 1");
        }
        return new ProtocolNumber(day.format(DAY) + "-" + String.format("%06d", sequence));
    }

    @Override
    public String toString() {
        return value;
    }
}
