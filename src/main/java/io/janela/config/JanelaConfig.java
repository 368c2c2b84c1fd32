package io.janela.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every {@code janela.*} setting. The README lists them with their environment variables. */
@ConfigMapping(prefix = "janela")
public interface JanelaConfig {

    Meta meta();

    Window window();

    Tables tables();

    Campaigns campaigns();

    Local local();

    interface Meta {
        /** Key of the {@code X-Hub-Signature-256} HMAC; without it every POST is refused. */
        Optional<String> appSecret();

        /** Token Meta echoes in the subscription handshake; without it every handshake is refused. */
        Optional<String> verifyToken();

        Optional<String> accessToken();

        @WithDefault("https://graph.facebook.com")
        String graphUrl();

        @WithDefault("v25.0")
        String apiVersion();

        /** Tries per send when Meta answers with a transient error (5xx, codes 1, 2, 131000, ...). */
        @WithDefault("4")
        int sendAttempts();

        /** Wait before the first retry; each further retry waits twice as long, up to the cap. */
        @WithDefault("200MS")
        Duration retryBackoff();

        @WithDefault("2S")
        Duration retryBackoffMax();
    }

    interface Window {
        /** How long before the window closes a contact shows as EXPIRING. */
        @WithDefault("30M")
        Duration expiringLead();
    }

    interface Campaigns {
        /** Messages per second a campaign sends at most; Meta allows 80 per business number, inbound included. */
        @WithDefault("20")
        double rate();

        /** Sends in flight at once: Meta answers in a few hundred milliseconds, so one at a time would not reach the rate. */
        @WithDefault("8")
        int concurrency();

        /** How long one driver run sends before it checkpoints and stops; keep it under the function's timeout. */
        @WithDefault("40S")
        Duration batchTime();

        @WithDefault("10000")
        int maxRecipients();
    }

    interface Tables {
        @WithDefault("janela-contacts")
        String contacts();

        @WithDefault("janela-directory")
        String directory();
    }

    /** Local mode only: ignored by the Lambda functions. */
    interface Local {
        @WithDefault("true")
        boolean enabled();

        /** The one port serving every HTTP route of the SAM HttpApi. */
        @WithDefault("8080")
        int port();

        @WithDefault("8000")
        int dynamodbPort();

        /** How often local mode runs the campaign driver (in AWS: the CampaignDriveRate schedule). */
        @WithDefault("10s")
        String campaignDriveEvery();

        /** Where the embedded DynamoDB Local keeps its data between runs. */
        @WithDefault("data")
        String dataDir();

        /**
         * How long the Meta sandbox waits before each status it feeds back for a send: sent after
         * one delay, delivered after two, read after three.
         */
        @WithDefault("1S")
        Duration sandboxStatusDelay();
    }
}
