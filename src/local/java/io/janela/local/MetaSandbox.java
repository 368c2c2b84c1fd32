package io.janela.local;

import io.janela.application.LogText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.domain.contact.CustomerId;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Meta's send endpoint, {@code POST /{version}/{phoneNumberId}/messages}, played on this machine
 * so local mode works offline: it checks a send as the Graph API does, answers in Meta's shapes,
 * then feeds the message's statuses back through the webhook function. Recipients ending in
 * 131026, 131047, 131049 or 131050 fail with that code after {@code sent}. It also takes read
 * receipts (answering {@code {"success": true}}), serves one sample media file through Meta's
 * two-step download ({@link SandboxMedia}), and plays the customers:
 * {@code POST /sandbox/customer-messages} ({@link SandboxCustomer}).
 */
public final class MetaSandbox implements AutoCloseable {

    /** Where the sandbox is served: the base URL the sender is given, under the gateway's port. */
    static final String BASE_PATH = "/sandbox";

    private static final Logger LOG = Logger.getLogger(MetaSandbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MESSAGES_PATH = Pattern.compile("v[0-9]+\\.[0-9]+/([0-9]{1,32})/messages");
    private static final Pattern MEDIA_PATH = Pattern.compile("v[0-9]+\\.[0-9]+/([0-9]{1,32})");
    private static final Pattern DOWNLOAD_PATH = Pattern.compile(SandboxMedia.DOWNLOAD_PATH + "([0-9]{1,32})");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S+)");

    private final SandboxStatusFeed feed;
    private final SandboxCustomer customer;
    private final SandboxMedia media = new SandboxMedia();

    public MetaSandbox(Function<HttpApiRequest, HttpApiResponse> webhook, String appSecret, Duration statusDelay,
            Clock clock, JsonResponses responses) {
        this.feed = new SandboxStatusFeed(webhook, appSecret, statusDelay, clock);
        this.customer = new SandboxCustomer(new SandboxWebhook(webhook, appSecret), responses, clock);
    }

    public void serveOn(LocalGateway gateway) {
        gateway.serve(BASE_PATH + "/", this::handle);
    }

    @Override
    public void close() {
        feed.close();
    }

    HttpApiResponse handle(HttpApiRequest request) {
        if (request.method().equals("POST") && request.path("proxy").filter(SandboxCustomer.PATH::equals).isPresent()) {
            // Meta's side of a customer's message, not a call to the Graph API: no token to check
            return customer.handle(request);
        }
        try {
            requireSandboxToken(request);
            Optional<HttpApiResponse> download = media(request);
            if (download.isPresent()) {
                return download.get();
            }
            String phoneNumberId = phoneNumberId(request);
            JsonNode body = SandboxSend.parse(request.bodyBytes());
            if (SandboxRead.isStatus(body)) {
                SandboxRead.check(body);
                LOG.infof("event=sandbox_read_accepted phone_number_id=%s", phoneNumberId);
                return HttpApiResponse.json(200, SandboxRead.success());
            }
            SandboxSend send = SandboxSend.read(phoneNumberId, request.bodyBytes());
            String wamid = newWamid();
            feed.follow(send, wamid);
            LOG.infof("event=sandbox_send_accepted wamid=%s contact=%s template=%s failure=%s", wamid,
                    send.recipient().masked(), LogText.of(send.template()),
                    send.magicFailure().map(error -> Integer.toString(error.code())).orElse("none"));
            return HttpApiResponse.json(200, accepted(send, wamid));
        } catch (GraphError refused) {
            LOG.infof("event=sandbox_send_refused code=%d", refused.code());
            return refused.response();
        }
    }

    /** A wamid no other message has: Meta's prefix, then the sandbox's mark and a random UUID's hex. */
    static String newWamid() {
        return "wamid.SANDBOX" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    /** Meta checks the token before anything else, so a bad token hides every other mistake. */
    private static void requireSandboxToken(HttpApiRequest request) {
        boolean valid = request.header("authorization")
                .map(BEARER::matcher)
                .filter(Matcher::matches)
                .map(bearer -> MessageDigest.isEqual(
                        bearer.group(1).getBytes(StandardCharsets.UTF_8),
                        LocalModeConfig.LOCAL_SANDBOX_TOKEN.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
        if (!valid) {
            throw GraphError.invalidToken();
        }
    }

    /** Meta's two-step media download: a media id's metadata, then the file at the url it names. */
    private Optional<HttpApiResponse> media(HttpApiRequest request) {
        String path = request.path("proxy").orElse("");
        Matcher metadata = MEDIA_PATH.matcher(path);
        Matcher file = DOWNLOAD_PATH.matcher(path);
        if (!metadata.matches() && !file.matches()) {
            return Optional.empty();
        }
        if (!request.method().equals("GET")) {
            throw GraphError.unsupportedRequest(request.method());
        }
        return Optional.of(metadata.matches() ? media.metadata(request, metadata.group(1)) : media.download(file.group(1)));
    }

    private static String phoneNumberId(HttpApiRequest request) {
        String path = request.path("proxy").orElse("");
        Matcher messages = MESSAGES_PATH.matcher(path);
        if (!messages.matches()) {
            throw GraphError.unknownPath(BASE_PATH + "/" + path);
        }
        if (!request.method().equals("POST")) {
            throw GraphError.unsupportedRequest(request.method());
        }
        return messages.group(1);
    }

    private static String accepted(SandboxSend send, String wamid) {
        ObjectNode root = JSON.createObjectNode();
        root.put("messaging_product", "whatsapp");
        root.putArray("contacts").addObject()
                .put("input", send.recipient().value())
                .put(send.recipient() instanceof CustomerId.WaId ? "wa_id" : "user_id", send.recipient().value());
        ObjectNode message = root.putArray("messages").addObject().put("id", wamid);
        if (send.template()) {
            // Meta marks template sends so; the status that follows says what became of them
            message.put("message_status", "accepted");
        }
        return root.toString();
    }
}
