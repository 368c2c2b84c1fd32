package io.janela.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] TEST = "test".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesMetasKnownVector() {
        assertEquals("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914",
                new WebhookSignature("secret").sign(TEST));
    }

    @Test
    void acceptsTheRightSignatureWhateverItsHexCase() {
        WebhookSignature signature = new WebhookSignature("secret");
        assertTrue(signature.matches(TEST, "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"));
        assertTrue(signature.matches(TEST, "sha256=0329A06B62CD16B33EB6792BE8C60B158D89A2EE3A876FCE9A881EBB488C0914"));
    }

    @Test
    void refusesMissingTruncatedOrOtherSignatures() {
        WebhookSignature signature = new WebhookSignature("secret");
        assertFalse(signature.matches(TEST, null));
        assertFalse(signature.matches(TEST, ""));
        assertFalse(signature.matches(TEST, "0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"));
        assertFalse(signature.matches(TEST, "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c091"));
        assertFalse(signature.matches(TEST, "sha1=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"));
        assertFalse(signature.matches("test ".getBytes(StandardCharsets.UTF_8),
                "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"));
    }

    @Test
    void anEmptySecretIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new WebhookSignature(""));
    }
}
