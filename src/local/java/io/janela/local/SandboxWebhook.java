package io.janela.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Meta's side of the webhook, played on this machine: notifications in Meta's envelope, signed
 * with the app secret and handed to the webhook function as API Gateway hands it Meta's POSTs, so
 * what the sandbox feeds takes the same path as Meta's own, signature check included.
 */
final class SandboxWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WABA_ID = "100000000000000";
    private static final String DISPLAY_PHONE_NUMBER = "15550000000";

    private final Function<HttpApiRequest, HttpApiResponse> webhook;
    private final WebhookSignature signature;

    SandboxWebhook(Function<HttpApiRequest, HttpApiResponse> webhook, String appSecret) {
        this.webhook = webhook;
        this.signature = new WebhookSignature(appSecret);
    }

    /**
     * A notification of one {@code messages} change for the business number {@code phoneNumberId};
     * {@code value} adds what the change carries (its statuses, or its contacts and messages).
     */
    static byte[] notification(String phoneNumberId, Consumer<ObjectNode> value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", WABA_ID);
        ObjectNode change = entry.putArray("changes").addObject();
        change.put("field", "messages");
        ObjectNode changed = change.putObject("value");
        changed.put("messaging_product", "whatsapp");
        changed.putObject("metadata")
                .put("display_phone_number", DISPLAY_PHONE_NUMBER)
                .put("phone_number_id", phoneNumberId);
        value.accept(changed);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** POSTs {@code body}, signed, to the webhook function and returns its answer. */
    HttpApiResponse post(byte[] body) {
        return webhook.apply(new HttpApiRequest(
                "2.0",
                "POST /webhook",
                "/webhook",
                "",
                Map.of("content-type", "application/json",
                        "user-agent", "facebookexternalua",
                        "x-hub-signature-256", signature.sign(body)),
                Map.of(),
                Map.of(),
                new HttpApiRequest.RequestContext(UUID.randomUUID().toString(),
                        new HttpApiRequest.Http("POST", "/webhook"), null),
                new String(body, StandardCharsets.UTF_8),
                false));
    }
}
