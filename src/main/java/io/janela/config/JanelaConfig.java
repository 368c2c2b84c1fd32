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

    Sweep sweep();

    Webhook webhook();

    Roles roles();

    Snapstart snapstart();

    Local local();

    Metrics metrics();

    Media media();

    interface Meta {
        /**
         * The Secrets Manager secret (its ARN or name) holding the three Meta credentials as one JSON
         * object ({@code appSecret}, {@code verifyToken}, {@code accessToken}). When set, the plain
         * settings below are not read.
         */
        Optional<String> secretId();

        /** How long a secret read stays in use before the next use reads it again (wall-clock time). */
        @WithDefault("5M")
        Duration secretRefresh();

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

    interface Media {
        /**
         * The largest media file {@code GET /media/{mediaId}} relays. 4 MiB: the file goes back base64
         * (4 bytes for every 3) in one Lambda response, which Lambda caps at 6 MB.
         */
        @WithDefault("4194304")
        long maxBytes();
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

    interface Sweep {
        /** A ticket is closed once its customer's last message is this old; less than 24h, or Janela refuses to start. */
        @WithDefault("23H")
        Duration closeAfter();

        /** Free-form text the guard sends as it closes a ticket, only while the window is still open. */
        Optional<String> closingMessage();

        /** Free-form text asking the customer to reply, sent once per window when a ticket starts to expire. Off when unset. */
        Optional<String> expiringNudge();

        /** Most tickets one run acts on; the rest wait for the next run, earliest deadline first. */
        @WithDefault("2000")
        int batchSize();

        /** How long one run starts new work; keep it well under the function's timeout. */
        @WithDefault("40S")
        Duration batchTime();

        /** Closes in flight at once (each is one conditional write, and one send when a message is set). */
        @WithDefault("8")
        int concurrency();

        /**
         * How often the sweeper runs, as an EventBridge rate expression ({@code rate(1 minute)},
         * {@code rate(5 minutes)}): the SAM schedule in AWS, quarkus-scheduler in local mode.
         */
        @WithDefault("rate(1 minute)")
        String rate();

        /** Index items read per Query page. */
        @WithDefault("100")
        int pageSize();
    }

    interface Webhook {
        /**
         * Contacts whose updates one webhook POST applies at once (a contact's own updates always in
         * order); Meta batches up to 1,000 updates in one POST.
         */
        @WithDefault("8")
        int concurrency();
    }

    /**
     * Who administers the desk: a caller whose token's {@code admin-claim} claim holds
     * {@code admin-group} (a Cognito group, by default). The identity provider decides; Janela keeps
     * no list of its own.
     */
    interface Roles {
        @WithDefault("cognito:groups")
        String adminClaim();

        @WithDefault("janela-admins")
        String adminGroup();
    }

    /** Lambda SnapStart: what runs before a function version's snapshot is taken. */
    interface Snapstart {
        /**
         * Before the snapshot, the exported function rehearses its first request (reads and parsing,
         * nothing written or sent), so a restored function answers without loading and compiling it
         * first. Off only to measure what priming saves.
         */
        @WithDefault("true")
        boolean priming();
    }

    interface Tables {
        @WithDefault("janela-contacts")
        String contacts();

        @WithDefault("janela-directory")
        String directory();
    }

    interface Metrics {
        /** The CloudWatch namespace of Janela's metrics (embedded metric format); the template's alarms read it. */
        @WithDefault("Janela")
        String namespace();
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
