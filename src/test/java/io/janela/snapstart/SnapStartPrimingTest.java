package io.janela.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.adapters.dynamodb.DynamoPriming;
import io.janela.application.contacts.IdentityStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.CustomerId;
import io.janela.snapstart.FunctionPriming;
import io.janela.support.CountingTcpProxy;
import io.janela.support.DynamoCallLog;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.TableSnapshot;
import io.janela.support.TemplatePolicies;
import io.janela.support.TestDynamo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart's hooks, run here as Lambda's runtime runs them: before the snapshot the exported function
 * (webhook) rehearses its first request against DynamoDB Local, reached through a proxy that counts
 * connections; after a restore the credentials resolve again.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(SnapStartPrimingTest.Webhook.class)
@WithTestResource(SnapStartPrimingTest.ThroughACountingProxy.class)
class SnapStartPrimingTest {

    public static class Webhook implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "webhook",
                    "quarkus.dynamodb.interceptors", DynamoCallLog.class.getName());
        }
    }

    /** Fresh tables on DynamoDB Local, which the application reaches only through a {@link CountingTcpProxy}. */
    public static class ThroughACountingProxy implements QuarkusTestResourceLifecycleManager {
        static CountingTcpProxy proxy;
        static TestDynamo.Tables tables;

        @Override
        public Map<String, String> start() {
            tables = TestDynamo.freshTables();
            proxy = new CountingTcpProxy(URI.create(TestDynamo.endpoint()).getPort());
            return DynamoDbLocalResource.settings(proxy.endpoint(), tables);
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }

    @Inject
    SnapStartPriming priming;
    @Inject
    FunctionPriming functions;
    @Inject
    DynamoPriming dynamoPriming;
    @Inject
    IdentityStore identities;
    @Inject
    JanelaConfig config;

    private static final DynamoDbClient DIRECT = TestDynamo.client();

    @BeforeEach
    void nothingRecordedYet() {
        DynamoCallLog.clear();
    }

    private static List<List<String>> everything() {
        TestDynamo.Tables tables = ThroughACountingProxy.tables;
        return List.of(TableSnapshot.of(DIRECT, tables.contacts()), TableSnapshot.of(DIRECT, tables.directory()));
    }

    private static String contacts() {
        return ThroughACountingProxy.tables.contacts();
    }

    @Test
    void beforeTheSnapshotTheWebhookRehearsesItsFirstReadsWritingNothingAndKeepingNoConnection() {
        List<List<String>> before = everything();

        priming.beforeCheckpoint(null);

        // the customer's id looked up as ingest does first, then the closing read
        assertEquals(List.of("dynamodb:BatchGetItem on " + contacts(), "dynamodb:BatchGetItem on " + contacts()),
                DynamoCallLog.calls());
        assertEquals(before, everything());
        assertEquals(0, ThroughACountingProxy.proxy.openOnceSettled(open -> open == 0),
                "a connection pooled before the snapshot would be dead after every restore");
    }

    /** Why the closing read: an ordinary read leaves its connection in the JDK's pool. */
    @Test
    void aReadLeavesItsConnectionPooledUntilTheClosingReadEndsIt() {
        identities.links("0", List.of(new CustomerId.WaId("0")));
        assertEquals(1, ThroughACountingProxy.proxy.openOnceSettled(open -> open == 1));

        dynamoPriming.readNothing();

        assertEquals(0, ThroughACountingProxy.proxy.openOnceSettled(open -> open == 0));
    }

    /** Priming may read only what the function's policy in infra/template.yaml grants, and never writes. */
    @ParameterizedTest
    @CsvSource({
            "webhook,         WebhookFunction,        BatchGetItem BatchGetItem",
            "desk,            DeskFunction,           GetItem BatchGetItem",
            "send,            SendFunction,           BatchGetItem",
            "campaign-driver, CampaignDriverFunction, BatchGetItem",
            "sweep,           SweepFunction,          BatchGetItem",
            "assign,          AssignFunction,         BatchGetItem"})
    void everyFunctionsPrimingReadsOnlyWhatItsPolicyGrantsAndWritesNothing(String function, String templateId, String reads) {
        List<List<String>> before = everything();

        functions.prime(function);
        dynamoPriming.readNothing();

        List<String> calls = DynamoCallLog.calls().stream().map(call -> call
                .replace(" on " + ThroughACountingProxy.tables.contacts(), " on ContactsTable")
                .replace(" on " + ThroughACountingProxy.tables.directory(), " on DirectoryTable")).toList();
        assertEquals(List.of(reads.split(" ")).stream().map(read -> "dynamodb:" + read + " on ContactsTable").toList(), calls);
        assertTrue(TemplatePolicies.granted(templateId).containsAll(calls), templateId + " is not granted all of " + calls);
        assertEquals(before, everything());
    }

    /** A rehearsal that fails leaves a colder snapshot, not a failed deploy. */
    @Test
    void aPrimingThatFailsDoesNotStopTheSnapshot() {
        SnapStartPriming unknown = new SnapStartPriming(config, Optional.of("no-such-function"), functions, dynamoPriming,
                new RestorableCredentials());

        unknown.beforeCheckpoint(null);

        assertEquals(List.of(), DynamoCallLog.calls());
    }

    @Test
    void withPrimingOffNothingIsRead() {
        SnapStartPriming off = new SnapStartPriming(primingOff(config), Optional.of("webhook"), functions, dynamoPriming,
                new RestorableCredentials());

        off.beforeCheckpoint(null);

        assertEquals(List.of(), DynamoCallLog.calls());
    }

    @Test
    void afterARestoreTheCredentialsAreResolvedAgain() {
        AtomicInteger chains = new AtomicInteger();
        RestorableCredentials credentials = new RestorableCredentials(() -> StaticCredentialsProvider.create(
                AwsBasicCredentials.create("snapshot" + chains.incrementAndGet(), "secret")));
        SnapStartPriming restored = new SnapStartPriming(config, Optional.of("webhook"), functions, dynamoPriming, credentials);
        assertEquals("snapshot1", credentials.resolveCredentials().accessKeyId());

        restored.afterRestore(null);

        assertEquals("snapshot2", credentials.resolveCredentials().accessKeyId());
        assertEquals(List.of(), DynamoCallLog.calls(), "restoring reads nothing");
    }

    private static JanelaConfig primingOff(JanelaConfig config) {
        JanelaConfig.Snapstart off = () -> false;
        return (JanelaConfig) Proxy.newProxyInstance(JanelaConfig.class.getClassLoader(), new Class<?>[] {JanelaConfig.class},
                (proxy, method, args) -> method.getName().equals("snapstart") ? off : method.invoke(config, args));
    }
}
