package io.janela.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.domain.window.SweepRule;
import io.janela.support.TestSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep settings checked at start-up: each one that cannot work is refused with a sentence naming it. */
class SweepSettingsTest {

    private static final Duration LEAD = Duration.ofMinutes(30);

    private static Duration hm(int hours, int minutes) {
        return Duration.ofHours(hours).plusMinutes(minutes);
    }

    @Test
    void theProducerRefusesACloseAfterOf24HoursNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SweepRuleProducer.checked(
                TestSettings.janela(Map.of("janela.sweep.close-after", "24H"))));
        assertTrue(refused.getMessage().contains("janela.sweep.close-after"), refused.getMessage());
    }

    @Test
    void theProducerBuildsTheDefaultGuard() {
        SweepRule guard = SweepRuleProducer.checked(TestSettings.janela(Map.of()));
        assertEquals(Duration.ofHours(23), guard.closeAfter());
        assertEquals(LEAD, guard.expiringLead());
    }

    @Test
    void theProducerRefusesANudgeThatCouldNeverBeSent() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SweepRuleProducer.checked(
                TestSettings.janela(Map.of("janela.sweep.expiring-nudge", "Ainda precisa de ajuda?"))));
        assertTrue(refused.getMessage().contains("janela.sweep.expiring-nudge"), refused.getMessage());

        SweepRule late = SweepRuleProducer.checked(TestSettings.janela(Map.of(
                "janela.sweep.expiring-nudge", "Ainda precisa de ajuda?", "janela.sweep.close-after", "23H45M")));
        assertEquals(hm(23, 45), late.closeAfter());
    }

    @Test
    void theProducerRefusesMessagesWhatsAppWouldRefuse() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> SweepRuleProducer.checked(
                TestSettings.janela(Map.of("janela.sweep.closing-message", "   "))));
        assertTrue(blank.getMessage().startsWith("janela.sweep.closing-message: "), blank.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> SweepRuleProducer.checked(
                TestSettings.janela(Map.of("janela.sweep.closing-message", "x".repeat(4097)))));
        assertTrue(tooLong.getMessage().startsWith("janela.sweep.closing-message: "), tooLong.getMessage());
    }

    @Test
    void theProducerRefusesARateEventBridgeWouldRefuse() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SweepRuleProducer.checked(
                TestSettings.janela(Map.of("janela.sweep.rate", "rate(1 minutes)"))));
        assertTrue(refused.getMessage().startsWith("janela.sweep.rate: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("rate(1 minutes)"), refused.getMessage());
    }

    @Test
    void theProducerRefusesBatchSettingsThatCannotWork() {
        for (Map<String, String> bad : List.of(Map.of("janela.sweep.batch-size", "0"),
                Map.of("janela.sweep.concurrency", "0"), Map.of("janela.sweep.page-size", "0"),
                Map.of("janela.sweep.page-size", "1001"))) {
            assertThrows(IllegalArgumentException.class, () -> SweepRuleProducer.checked(TestSettings.janela(bad)),
                    bad.toString());
        }
    }

    @Test
    void ratesAreReadAsEventBridgeWritesThem() {
        assertEquals(Duration.ofMinutes(1), ScheduleRate.parse("rate(1 minute)"));
        assertEquals(Duration.ofMinutes(5), ScheduleRate.parse("rate(5 minutes)"));
        assertEquals(Duration.ofHours(1), ScheduleRate.parse("rate(1 hour)"));
        assertEquals(Duration.ofHours(2), ScheduleRate.parse("rate(2 hours)"));
        assertEquals(Duration.ofDays(1), ScheduleRate.parse("rate(1 day)"));
        assertEquals(Duration.ofDays(3), ScheduleRate.parse(" Rate(3 Days) "));
    }

    @Test
    void ratesEventBridgeWouldRefuseAreRefused() {
        for (String bad : new String[] {"rate(1 minutes)", "rate(2 minute)", "rate(0 minutes)", "rate(1 second)",
                "rate(1minute)", "cron(0/1 * * * ? *)", "1 minute", "", null}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ScheduleRate.parse(bad),
                    String.valueOf(bad));
            assertTrue(refused.getMessage().contains("rate(1 minute)"), refused.getMessage());
        }
    }
}
