package io.janela.snapstart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS credentials of the DynamoDB client in AWS (the template names this bean in
 * {@code QUARKUS_DYNAMODB_AWS_CREDENTIALS_CUSTOM_PROVIDER_NAME}): the SDK's default chain, built
 * again after each SnapStart restore. The chain caches what it found (with SnapStart, Lambda's
 * container credentials, fetched while priming); each restored environment resolves its own
 * instead of reusing the snapshot's.
 */
@ApplicationScoped
@Named(RestorableCredentials.NAME)
public class RestorableCredentials implements AwsCredentialsProvider {

    public static final String NAME = "restorable-credentials";

    private final Supplier<AwsCredentialsProvider> chain;
    private final AtomicReference<AwsCredentialsProvider> current = new AtomicReference<>();

    public RestorableCredentials() {
        // builder(), not create(): create() hands out one shared instance, whose cache would survive
        this(() -> DefaultCredentialsProvider.builder().build());
    }

    public RestorableCredentials(Supplier<AwsCredentialsProvider> chain) {
        this.chain = chain;
        this.current.set(chain.get());
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current.get().resolveCredentials();
    }

    /** Forgets every credential found so far: the next call resolves them again. */
    public void renew() {
        AwsCredentialsProvider previous = current.getAndSet(chain.get());
        if (previous instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
