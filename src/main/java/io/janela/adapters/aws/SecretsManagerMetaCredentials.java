package io.janela.adapters.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.outbound.MetaCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The Meta credentials from one AWS Secrets Manager secret, a JSON object
 * {@code {"appSecret": "..", "verifyToken": "..", "accessToken": ".."}}. Read once at start, then
 * used from memory and read again when a use comes {@code refresh} after the last read (by the
 * wall clock, so a SnapStart snapshot restored hours later reads again before its first use), and
 * at once when the Graph API refuses the access token. A new token put into the secret therefore
 * reaches every running function within {@code refresh}, or on its first refused send.
 */
public final class SecretsManagerMetaCredentials implements MetaCredentials {

    private static final Logger LOG = Logger.getLogger(SecretsManagerMetaCredentials.class);
    public static final String SETTING = "janela.meta.secret-id";
    static final String APP_SECRET = "appSecret";
    static final String VERIFY_TOKEN = "verifyToken";
    static final String ACCESS_TOKEN = "accessToken";
    static final String SHAPE = "{\"" + APP_SECRET + "\": \"..\", \"" + VERIFY_TOKEN + "\": \"..\", \"" + ACCESS_TOKEN + "\": \"..\"}";
    /**
     * A token Meta keeps refusing (revoked, and no new one put in yet) causes at most one read per
     * this long: every send of a campaign being refused must not become a Secrets Manager call each.
     */
    static final Duration RENEWAL_GAP = Duration.ofSeconds(10);

    /** A value not filled in yet is an empty string: the template creates the secret before the team has them. */
    private record Values(Optional<String> appSecret, Optional<String> verifyToken, Optional<String> accessToken,
            String version) {

        List<String> unset() {
            List<String> unset = new ArrayList<>();
            appSecret.ifPresentOrElse(value -> { }, () -> unset.add(APP_SECRET));
            verifyToken.ifPresentOrElse(value -> { }, () -> unset.add(VERIFY_TOKEN));
            accessToken.ifPresentOrElse(value -> { }, () -> unset.add(ACCESS_TOKEN));
            return unset;
        }
    }

    private record Read(Values values, Instant at) {
    }

    private final SecretsManagerClient client;
    private final String secretId;
    private final Duration refresh;
    private final Clock clock;
    private final ObjectMapper json;
    private volatile Read last;
    /** Guarded by {@code this}. */
    private Instant lastRenewal = Instant.MIN;

    private SecretsManagerMetaCredentials(SecretsManagerClient client, String secretId, Duration refresh, Clock clock,
            ObjectMapper json) {
        this.client = client;
        this.secretId = secretId;
        this.refresh = refresh;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Reads the secret now. One that cannot be read, or that does not hold the three values as
     * strings, stops the start with a sentence naming the setting and the fix: a function that
     * started without its credentials would refuse every webhook POST and every send.
     */
    public static SecretsManagerMetaCredentials read(SecretsManagerClient client, String secretId, Duration refresh,
            Clock clock, ObjectMapper json) {
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("janela.meta.secret-refresh must be longer than 0, like 5M");
        }
        SecretsManagerMetaCredentials credentials = new SecretsManagerMetaCredentials(client, secretId, refresh, clock, json);
        Values values = credentials.fetch();
        credentials.last = new Read(values, clock.instant());
        credentials.logRead("start", values, null);
        return credentials;
    }

    /**
     * A client for the region Lambda runs in ({@code AWS_REGION}) with {@code credentials} (the
     * function's role, resolved again after a SnapStart restore); the SDK's
     * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} points it elsewhere (a local stand-in). Its reads are
     * minutes apart, so it keeps no connection open: none lingers in the JDK's pool, and none is
     * frozen into a snapshot by the read made at start.
     */
    public static SecretsManagerClient clientFromEnvironment(AwsCredentialsProvider credentials) {
        return SecretsManagerClient.builder()
                .credentialsProvider(credentials)
                .overrideConfiguration(override -> override.addExecutionInterceptor(new ClosingEachConnection()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5))
                        .build())
                .build();
    }

    /** Asks the server to close the connection after its answer, so the JDK does not pool it. */
    static final class ClosingEachConnection implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().putHeader("Connection", "close").build();
        }
    }

    @Override
    public Optional<String> appSecret() {
        return fresh().appSecret();
    }

    @Override
    public Optional<String> verifyToken() {
        return fresh().verifyToken();
    }

    @Override
    public Optional<String> accessToken() {
        return fresh().accessToken();
    }

    @Override
    public synchronized Optional<String> renewedAccessToken(String refused) {
        Optional<String> current = last.values().accessToken();
        if (current.isPresent() && !current.get().equals(refused)) {
            return current; // another send was refused first and has read the secret again
        }
        Instant now = clock.instant();
        if (now.isBefore(lastRenewal.plus(RENEWAL_GAP))) {
            return Optional.empty();
        }
        lastRenewal = now;
        return readAgain("token_refused").accessToken().filter(token -> !token.equals(refused));
    }

    private Values fresh() {
        Read read = last;
        if (clock.instant().isBefore(read.at().plus(refresh))) {
            return read.values();
        }
        synchronized (this) {
            read = last;
            return clock.instant().isBefore(read.at().plus(refresh)) ? read.values() : readAgain("interval");
        }
    }

    /** Guarded by {@code this}. A failed read keeps the values in use until the next interval. */
    private Values readAgain(String reason) {
        Values previous = last.values();
        Values values;
        try {
            values = fetch();
        } catch (IllegalStateException unreadable) {
            // the webhook and the senders go on with what they have; Secrets Manager may be back soon
            LOG.warnf("event=meta_secret_read_failed reason=%s detail=\"%s\"", reason, unreadable.getMessage());
            values = previous;
        }
        last = new Read(values, clock.instant());
        if (values != previous) {
            logRead(reason, values, previous);
        }
        return values;
    }

    private void logRead(String reason, Values values, Values previous) {
        boolean changed = previous != null && !values.version().equals(previous.version());
        String unset = String.join(",", values.unset());
        if (unset.isEmpty()) {
            LOG.infof("event=meta_secret_read reason=%s version=%s changed=%b", reason, values.version(), changed);
        } else {
            LOG.warnf("event=meta_secret_read reason=%s version=%s changed=%b unset=%s", reason, values.version(), changed,
                    unset);
        }
    }

    /** The secret's current version; the sentences never quote its content. */
    private Values fetch() {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(secretId));
        } catch (ResourceNotFoundException missing) {
            throw unusable("Secrets Manager has no such secret (or it has no value yet) in this region: create it, or "
                    + "name the right one");
        } catch (SdkException failure) {
            throw unusable("it could not be read (" + reason(failure) + "): check that it exists in this region and that "
                    + "the function's role may secretsmanager:GetSecretValue on it");
        }
        if (response.secretString() == null) {
            throw unusable("it holds binary data, not the JSON text " + SHAPE);
        }
        JsonNode object;
        try {
            object = json.readTree(response.secretString());
        } catch (JsonProcessingException notJson) {
            throw unusable("it is not JSON; it must hold " + SHAPE);
        }
        if (object == null || !object.isObject()) {
            throw unusable("it must hold a JSON object " + SHAPE);
        }
        return new Values(value(object, APP_SECRET), value(object, VERIFY_TOKEN), value(object, ACCESS_TOKEN),
                String.valueOf(response.versionId()));
    }

    /** AWS's error code and sentence (AccessDeniedException: User ... is not authorized ...), or the client's failure. */
    private static String reason(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private Optional<String> value(JsonNode object, String key) {
        JsonNode value = object.get(key);
        if (value == null || !value.isTextual()) {
            throw unusable("it has no text \"" + key + "\" (\"\" while not filled in yet); it must hold " + SHAPE);
        }
        return Optional.of(value.asText()).filter(text -> !text.isBlank());
    }

    private IllegalStateException unusable(String why) {
        return new IllegalStateException(SETTING + " (JANELA_META_SECRET_ID) names the secret " + secretId + ", but " + why);
    }

    @Override
    public String toString() {
        return "SecretsManagerMetaCredentials[" + secretId + ", values hidden]";
    }
}
