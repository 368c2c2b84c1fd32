package io.janela.adapters.aws;

import static io.janela.support.WireMockSecretsManager.SECRET_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.support.MutableClock;
import io.janela.support.WireMockSecretsManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Meta credentials from Secrets Manager, against a stand-in speaking the service's JSON protocol.
 * Runs on the Quarkus classes' thread: it sets the SDK's system properties, which WebhookSecretTest's
 * application holds until the next application replaces it.
 */
@Execution(ExecutionMode.SAME_THREAD)
class SecretsManagerMetaCredentialsTest {

    private static final WireMockSecretsManager SECRETS = new WireMockSecretsManager();
    private static final SecretsManagerClient CLIENT = SECRETS.client();
    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @BeforeEach
    void freshSecret() {
        SECRETS.reset();
        SECRETS.holds("app-secret-1", "verify-1", "EAA-token-1", "v1");
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        SECRETS.close();
    }

    private SecretsManagerMetaCredentials started() {
        return SecretsManagerMetaCredentials.read(CLIENT, SECRET_ARN, REFRESH, clock, new ObjectMapper());
    }

    private static String startFailure() {
        return assertThrows(IllegalStateException.class, () -> SecretsManagerMetaCredentials.read(CLIENT, SECRET_ARN, REFRESH,
                new MutableClock(START), new ObjectMapper())).getMessage();
    }

    @Test
    void theSecretIsReadOnceAtStartAndEveryUseIsServedFromMemory() {
        SecretsManagerMetaCredentials credentials = started();
        assertEquals(1, SECRETS.reads(), "read at start, before any use");

        for (int use = 0; use < 100; use++) {
            assertEquals(Optional.of("app-secret-1"), credentials.appSecret());
            assertEquals(Optional.of("verify-1"), credentials.verifyToken());
            assertEquals(Optional.of("EAA-token-1"), credentials.accessToken());
            clock.advance(Duration.ofSeconds(2));
        }

        assertEquals(1, SECRETS.reads());
        SECRETS.verifyEveryReadNamed(SECRET_ARN);
    }

    @Test
    void aUseOnceTheRefreshIntervalHasPassedReadsTheSecretAgain() {
        SecretsManagerMetaCredentials credentials = started();
        SECRETS.holds("app-secret-1", "verify-1", "EAA-token-2", "v2");

        clock.advance(REFRESH.minusSeconds(1));
        assertEquals(Optional.of("EAA-token-1"), credentials.accessToken(), "still within the interval");
        assertEquals(1, SECRETS.reads());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("EAA-token-2"), credentials.accessToken());
        assertEquals(Optional.of("verify-1"), credentials.verifyToken());
        assertEquals(2, SECRETS.reads(), "one read for the interval, then memory again");
    }

    /** SnapStart restores the memory of a start made when the version was published, maybe days before. */
    @Test
    void aSnapshotRestoredLongAfterTheStartReadsTheSecretBeforeItsFirstUse() {
        SecretsManagerMetaCredentials credentials = started();
        SECRETS.holds("app-secret-2", "verify-2", "EAA-token-2", "v2");

        clock.advance(Duration.ofDays(3));

        assertEquals(Optional.of("app-secret-2"), credentials.appSecret());
        assertEquals(2, SECRETS.reads());
    }

    @Test
    void manyUsesAfterTheIntervalAtOnceReadTheSecretOnce() throws Exception {
        SecretsManagerMetaCredentials credentials = started();
        SECRETS.holds("app-secret-1", "verify-1", "EAA-token-2", "v2");
        clock.advance(REFRESH);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            var uses = IntStream.range(0, 40).mapToObj(any -> threads.submit(credentials::accessToken)).toList();
            for (Future<Optional<String>> use : uses) {
                assertEquals(Optional.of("EAA-token-2"), use.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, SECRETS.reads());
    }

    @Test
    void aRefusedTokenIsReadAgainAtOnceAndTheNewOneGiven() {
        SecretsManagerMetaCredentials credentials = started();
        SECRETS.holds("app-secret-1", "verify-1", "EAA-token-2", "v2");

        assertEquals(Optional.of("EAA-token-2"), credentials.renewedAccessToken("EAA-token-1"));
        assertEquals(2, SECRETS.reads());
        assertEquals(Optional.of("EAA-token-2"), credentials.accessToken(), "the new token is the one in use");

        // other sends refused with the old token a moment later take the new one without a read
        assertEquals(Optional.of("EAA-token-2"), credentials.renewedAccessToken("EAA-token-1"));
        assertEquals(2, SECRETS.reads());
    }

    @Test
    void aTokenTheSecretStillHoldsHasNoRenewalAndIsNotReadForAgainWithinTheGap() {
        SecretsManagerMetaCredentials credentials = started();

        assertEquals(Optional.empty(), credentials.renewedAccessToken("EAA-token-1"));
        assertEquals(2, SECRETS.reads());

        clock.advance(SecretsManagerMetaCredentials.RENEWAL_GAP.minusSeconds(1));
        assertEquals(Optional.empty(), credentials.renewedAccessToken("EAA-token-1"));
        assertEquals(2, SECRETS.reads(), "a campaign's refused sends do not each read the secret");

        SECRETS.holds("app-secret-1", "verify-1", "EAA-token-2", "v2");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("EAA-token-2"), credentials.renewedAccessToken("EAA-token-1"));
        assertEquals(3, SECRETS.reads());
    }

    @Test
    void valuesNotFilledInYetAreUnsetAndTheStartGoesOn() {
        SECRETS.holds("", "verify-1", "", "v0");

        SecretsManagerMetaCredentials credentials = started();

        assertEquals(Optional.empty(), credentials.appSecret());
        assertEquals(Optional.of("verify-1"), credentials.verifyToken());
        assertEquals(Optional.empty(), credentials.accessToken());
    }

    @Test
    void aReadThatFailsAfterTheStartKeepsTheValuesInUseUntilTheNextInterval() {
        SecretsManagerMetaCredentials credentials = started();
        SECRETS.answersError(500, "InternalServiceError", "An error occurred on the server side.");

        clock.advance(REFRESH);
        assertEquals(Optional.of("EAA-token-1"), credentials.accessToken());
        int reads = SECRETS.reads();
        assertTrue(reads >= 2, "read again (the SDK retries a 500): " + reads);
        assertEquals(Optional.of("app-secret-1"), credentials.appSecret());
        assertEquals(reads, SECRETS.reads(), "not read again before the next interval");

        SECRETS.holds("app-secret-1", "verify-1", "EAA-token-2", "v2");
        clock.advance(REFRESH);
        assertEquals(Optional.of("EAA-token-2"), credentials.accessToken());
    }

    @Test
    void aSecretThatDoesNotExistStopsTheStartNamingTheSettingAndTheSecret() {
        SECRETS.answersError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

        String failure = startFailure();

        assertTrue(failure.startsWith("janela.meta.secret-id (JANELA_META_SECRET_ID) names the secret " + SECRET_ARN), failure);
        assertTrue(failure.contains("no such secret"), failure);
    }

    @Test
    void aSecretTheRoleMayNotReadStopsTheStartNamingThePermission() {
        SECRETS.answersError(400, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/janela-webhook "
                + "is not authorized to perform: secretsmanager:GetSecretValue");

        String failure = startFailure();

        assertTrue(failure.startsWith("janela.meta.secret-id (JANELA_META_SECRET_ID) names the secret " + SECRET_ARN), failure);
        assertTrue(failure.contains("AccessDenied") && failure.contains("may secretsmanager:GetSecretValue on it"), failure);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "s3cr3t-app-secret",
            "[\"s3cr3t-app-secret\"]",
            "{\"appSecret\":\"s3cr3t-app-secret\",\"verifyToken\":\"v\"}",
            "{\"app_secret\":\"s3cr3t-app-secret\",\"verifyToken\":\"v\",\"accessToken\":\"t\"}",
            "{\"appSecret\":\"s3cr3t-app-secret\",\"verifyToken\":42,\"accessToken\":\"t\"}",
            "{\"appSecret\":\"s3cr3t-app-secret\",\"verifyToken\":\"v\",\"accessToken\":null}"})
    void aSecretNotHoldingTheThreeTextsStopsTheStartWithItsShapeAndNeverItsContent(String content) {
        SECRETS.holds(content, "v-garbled");

        String failure = startFailure();

        assertTrue(failure.startsWith("janela.meta.secret-id (JANELA_META_SECRET_ID) names the secret " + SECRET_ARN), failure);
        assertTrue(failure.contains("{\"appSecret\": \"..\", \"verifyToken\": \"..\", \"accessToken\": \"..\"}"), failure);
        assertFalse(failure.contains("s3cr3t"), failure);
    }

    @Test
    void aSecretMissingAKeyIsToldWhichOne() {
        SECRETS.holds("{\"appSecret\":\"a\",\"verifyToken\":\"v\",\"access_token\":\"t\"}", "v-typo");

        assertTrue(startFailure().contains("it has no text \"accessToken\""));
    }

    @Test
    void aBinarySecretStopsTheStart() {
        SECRETS.holdsBinary();

        assertTrue(startFailure().contains("binary"));
    }

    /**
     * The endpoint from the SDK's standard setting, the credentials from the provider given (in AWS,
     * the one SnapStart's restore renews), and no connection kept for the next read minutes later.
     */
    @Test
    void aClientBuiltFromTheEnvironmentSignsWithTheGivenCredentialsAndKeepsNoConnection() {
        Map<String, String> properties = SECRETS.sdkSystemProperties();
        properties.forEach(System::setProperty);
        AwsCredentialsProvider role = StaticCredentialsProvider.create(AwsBasicCredentials.create("ASIAROLE", "role-secret"));
        try (SecretsManagerClient fromEnvironment = SecretsManagerMetaCredentials.clientFromEnvironment(role)) {
            SecretsManagerMetaCredentials credentials = SecretsManagerMetaCredentials.read(fromEnvironment, SECRET_ARN, REFRESH,
                    clock, new ObjectMapper());
            assertEquals(Optional.of("verify-1"), credentials.verifyToken());
            assertEquals(1, SECRETS.reads());
            LoggedRequest read = SECRETS.requests().get(0);
            assertTrue(read.getHeader("Authorization").contains("Credential=ASIAROLE/"), read.getHeader("Authorization"));
            assertEquals("close", read.getHeader("Connection"));
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void theCredentialsNeverShowTheirValues() {
        assertFalse(started().toString().contains("EAA-token-1"));
    }
}
