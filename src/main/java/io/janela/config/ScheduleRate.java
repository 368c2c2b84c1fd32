package io.janela.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge rate expression, {@code rate(<value> <unit>)}, read as a duration, so local
 * mode's scheduler and the SAM schedule share one setting. EventBridge wants the singular unit
 * for 1 and the plural otherwise; so does this parser, so a value that works here deploys.
 */
public final class ScheduleRate {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private ScheduleRate() {
    }

    public static Duration parse(String expression) {
        Matcher matcher = RATE.matcher(expression == null ? "" : expression.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a rate is written as EventBridge writes it, e.g. rate(1 minute) or "
                    + "rate(5 minutes); it was " + expression);
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        boolean plural = unit.endsWith("s");
        if (value < 1 || (value == 1) == plural) {
            throw new IllegalArgumentException("EventBridge wants a positive value, with a singular unit for 1 and a"
                    + " plural one otherwise (rate(1 minute), rate(2 minutes)); it was " + expression);
        }
        return switch (unit.replaceAll("s$", "")) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }
}
