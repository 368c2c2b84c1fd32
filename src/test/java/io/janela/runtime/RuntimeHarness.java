package io.janela.runtime;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.functions.WebhookProfile;
import io.janela.support.TestDynamo;
import io.janela.support.WireMockGraph;
import io.janela.support.WireMockSecretsManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the functions run against here: target/function.zip unzipped as Lambda's task root,
 * DynamoDB Local with tables of their own created from the template, and WireMock as Meta's Graph
 * API, so no send ever leaves the machine. Each function gets the template's environment with the
 * test's table names and secrets, the DynamoDB endpoint, the Graph API's URL and static credentials.
 */
final class RuntimeHarness implements AutoCloseable {

    static final Path FUNCTION_ZIP = Path.of("target/function.zip");
    /**
     * The test's values of the template's references that are not tables: the Meta secret's ARN, which
     * the functions read from a Secrets Manager stand-in holding the samples' app secret. A {@code Ref}
     * the test cannot resolve stops it with the variable's name: give its value here.
     */
    static final Map<String, String> REFERENCES = Map.of("MetaSecret", WireMockSecretsManager.SECRET_ARN);

    final TestDynamo.Tables tables;
    final WireMockServer meta;
    final WireMockSecretsManager secrets;
    private final Path folder;
    private final Path taskRoot;

    private RuntimeHarness(TestDynamo.Tables tables, WireMockServer meta, WireMockSecretsManager secrets, Path folder,
            Path taskRoot) {
        this.tables = tables;
        this.meta = meta;
        this.secrets = secrets;
        this.folder = folder;
        this.taskRoot = taskRoot;
    }

    /** {@code folder} (under target/) receives the task root and the functions' logs; the functions use {@code tables}. */
    static RuntimeHarness open(Path folder, TestDynamo.Tables tables) {
        Path taskRoot = TaskRoot.unzip(FUNCTION_ZIP, folder.resolve("task"));
        WireMockServer meta = new WireMockServer(options().dynamicPort());
        meta.start();
        WireMockSecretsManager secrets = new WireMockSecretsManager();
        secrets.holds(WebhookProfile.APP_SECRET, WebhookProfile.VERIFY_TOKEN, WireMockGraph.ACCESS_TOKEN, "v1");
        return new RuntimeHarness(tables, meta, secrets, folder, taskRoot);
    }

    /** How {@code function} starts: the template's settings, this harness's services, its log in the folder. */
    LambdaFunction.Launch launch(String function) {
        TemplateFunction deployed = TemplateFunction.load(function,
                Map.of("ContactsTable", tables.contacts(), "DirectoryTable", tables.directory()), REFERENCES);
        return new LambdaFunction.Launch(deployed, taskRoot, LambdaJvm.forRuntime(deployed.runtime()), Map.of(
                "AWS_ACCESS_KEY_ID", TestDynamo.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", TestDynamo.SECRET_KEY,
                "AWS_SESSION_TOKEN", "janela-runtime-test-session",
                "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", TestDynamo.endpoint(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString(),
                "JANELA_META_GRAPH_URL", meta.baseUrl()),
                List.of(), folder.resolve(function + ".log"));
    }

    LambdaFunction start(String function) {
        return start(launch(function));
    }

    LambdaFunction start(LambdaFunction.Launch launch) {
        LambdaFunction started = LambdaFunction.start(launch);
        System.out.printf("runtime test: %s%s on %s, log %s%n", started.name(), launch.snapStarts() ? " (as SnapStart starts it)" : "",
                launch.jvm().description(), started.log());
        return started;
    }

    static String sample(String function, String file) {
        try {
            return Files.readString(Path.of("functions", function, "events", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        meta.stop();
        secrets.close();
    }
}
