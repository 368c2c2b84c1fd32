package io.janela.adapters.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.Metrics.SendOutcome;
import io.janela.support.EmfCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each figure as one line of CloudWatch's embedded metric format, under the configured namespace. */
class EmfMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-21T09:00:00.250Z");

    private final List<String> lines = new ArrayList<>();
    private final EmfMetrics metrics = new EmfMetrics(lines::add, Clock.fixed(AT, ZoneOffset.UTC), "JanelaStaging");

    @Test
    void aRefusedSendCountsUnderItsOutcomeAndItsCodeInOneLine() throws Exception {
        metrics.send(SendOutcome.REFUSED, Optional.of("window_closed"));

        assertEquals(1, lines.size());
        assertEquals(JSON.readTree("""
                {"_aws":{"Timestamp":1795251600250,"CloudWatchMetrics":[
                  {"Namespace":"JanelaStaging","Dimensions":[["Function","Outcome"]],"Metrics":[{"Name":"Sends","Unit":"Count"}]},
                  {"Namespace":"JanelaStaging","Dimensions":[["Function","Code"]],"Metrics":[{"Name":"GuardRefusals","Unit":"Count"}]}]},
                 "Function":"send","Outcome":"refused","Code":"window_closed","Sends":1,"GuardRefusals":1}"""),
                EmfCapture.check(lines.get(0)));
    }

    @Test
    void aSweepsLagIsInWholeSecondsAndNeverBelowZero() throws Exception {
        metrics.sweep(3, Duration.ofMillis(61_900));
        metrics.sweep(0, Duration.ZERO);

        assertEquals(JSON.readTree("""
                {"_aws":{"Timestamp":1795251600250,"CloudWatchMetrics":[{"Namespace":"JanelaStaging","Dimensions":[["Function"]],
                  "Metrics":[{"Name":"SweepCloses","Unit":"Count"},{"Name":"SweepLag","Unit":"Seconds"}]}]},
                 "Function":"sweep","SweepCloses":3,"SweepLag":61}"""), EmfCapture.check(lines.get(0)));
        assertEquals(0, EmfCapture.check(lines.get(1)).path("SweepLag").asInt());
    }

    /** The checks the function tests rely on refuse what CloudWatch would not read as metrics. */
    @Test
    void aLineCloudWatchWouldNotReadAsMetricsIsRefused() {
        metrics.assignment(2, 1);
        String good = lines.get(0);
        EmfCapture.check(good);

        assertThrows(AssertionError.class, () -> EmfCapture.check("2026-11-21T09:00:00.250+0000 INFO  [io.ja.ad.cl.EmfMetrics] " + good),
                "a log line's prefix");
        assertThrows(AssertionError.class, () -> EmfCapture.check(good.replace("\"TicketsAssigned\":2,", "")),
                "a metric the root does not carry");
        assertThrows(AssertionError.class, () -> EmfCapture.check(good.replace("\"Function\":\"assign\"", "\"Function\":7")),
                "a dimension that is no string");
        assertThrows(AssertionError.class, () -> EmfCapture.check(good.replace("\"Timestamp\":1795251600250,", "")),
                "no timestamp");
        assertThrows(AssertionError.class, () -> EmfCapture.check(good.replace("\"Count\"", "\"Tickets\"")), "an unknown unit");
    }
}
