package io.janela.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

    @Test
    void readBeatsALateDelivered() {
        assertTrue(DeliveryStatus.READ.supersedes(DeliveryStatus.DELIVERED));
        assertFalse(DeliveryStatus.DELIVERED.supersedes(DeliveryStatus.READ));
    }

    @Test
    void aStatusDoesNotReplaceItself() {
        for (DeliveryStatus status : DeliveryStatus.values()) {
            assertFalse(status.supersedes(status), status.name());
        }
    }

    @Test
    void failedIsFinal() {
        for (DeliveryStatus status : DeliveryStatus.values()) {
            assertFalse(status.supersedes(DeliveryStatus.FAILED), status.name());
        }
        assertTrue(DeliveryStatus.FAILED.supersedes(DeliveryStatus.READ));
    }

    @Test
    void anyStatusSupersedesNone() {
        assertTrue(DeliveryStatus.SENT.supersedes(null));
    }

    @Test
    void metaNamesMapBothWays() {
        assertEquals(Optional.of(DeliveryStatus.PLAYED), DeliveryStatus.fromMeta("played"));
        assertEquals("delivered", DeliveryStatus.DELIVERED.metaName());
        assertEquals(Optional.empty(), DeliveryStatus.fromMeta("deleted"));
        assertEquals(Optional.empty(), DeliveryStatus.fromMeta(null));
    }
}
