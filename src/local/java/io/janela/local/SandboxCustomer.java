package io.janela.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.webhook.WebhookParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Local mode plays a customer: {@code POST /sandbox/customer-messages} makes the notification Meta
 * sends when a customer writes to a business number (by phone, by business-scoped user id, or
 * both), with a fresh wamid and the time it was written, and feeds it through the webhook as Meta
 * would. A time in the past shows the window guard at work without waiting a day.
 */
final class SandboxCustomer {

    static final String PATH = "customer-messages";
    /** Its operation in infra/openapi.yaml, whose description checks the request as every route's is checked. */
    static final String ROUTE_KEY = "POST " + MetaSandbox.BASE_PATH + "/" + PATH;
    /** Meta gives up delivering a notification after 7 days: an older message never arrives. */
    static final Duration OLDEST = Duration.ofDays(7);

    private static final Logger LOG = Logger.getLogger(SandboxCustomer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,32}");

    /** What the route answers: the message's wamid, the time Meta gives it, and the webhook's own answer. */
    record Written(String wamid, Instant at, WebhookAnswer webhook) {
    }

    record WebhookAnswer(int status, String body) {
    }

    /** A customer's text message as the request describes it. */
    record CustomerMessage(String phoneNumberId, ContactIdentity from, Optional<String> name, String text, Instant at) {

        static CustomerMessage read(JsonBody body, Instant now) {
            String phoneNumberId = body.text("phoneNumberId");
            if (!PHONE_NUMBER_ID.matcher(phoneNumberId).matches()) {
                throw new IllegalArgumentException("phoneNumberId must be 1 to 32 digits, Meta's id of the business number");
            }
            return new CustomerMessage(phoneNumberId, identity(body), name(body), text(body), at(body, now));
        }

        private static ContactIdentity identity(JsonBody body) {
            Optional<CustomerId.WaId> waId = body.optionalText("waId").map(value -> {
                if (!CustomerId.WaId.isWaId(value)) {
                    throw new IllegalArgumentException("waId must be the customer's phone number: 1 to 32 digits, country code first");
                }
                return new CustomerId.WaId(value);
            });
            Optional<CustomerId.Bsuid> userId = body.optionalText("userId").map(value -> {
                if (!CustomerId.Bsuid.isBsuid(value)) {
                    throw new IllegalArgumentException("userId must be a business-scoped user id: a two-letter country code,"
                            + " a period and 1 to 128 letters and digits, such as US.13491208655302741918");
                }
                return new CustomerId.Bsuid(value);
            });
            if (waId.isEmpty() && userId.isEmpty()) {
                throw new IllegalArgumentException("waId or userId is required: who the customer is (either or both)");
            }
            Optional<String> username = body.optionalText("username").map(value -> {
                if (!ContactIdentity.isUsername(value)) {
                    throw new IllegalArgumentException("username must be 1 to 64 letters, digits, '.' and '_'");
                }
                return value;
            });
            return new ContactIdentity(waId, userId, Optional.empty(), username);
        }

        private static Optional<String> name(JsonBody body) {
            return body.optionalText("name").map(name -> {
                if (name.isBlank() || name.length() > WebhookParser.NAME_LIMIT) {
                    throw new IllegalArgumentException("name must be 1 to " + WebhookParser.NAME_LIMIT + " characters");
                }
                return name;
            });
        }

        private static String text(JsonBody body) {
            String text = body.text("text");
            if (text.isBlank() || text.length() > OutboundContent.MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("text must be 1 to " + OutboundContent.MAX_TEXT_LENGTH + " characters");
            }
            return text;
        }

        /** Meta's timestamps are whole seconds. */
        private static Instant at(JsonBody body, Instant now) {
            Instant at = body.optionalInstant("at").orElse(now).truncatedTo(ChronoUnit.SECONDS);
            if (at.isAfter(now)) {
                throw new IllegalArgumentException("at must not be in the future; it was " + at + " and now is " + now);
            }
            if (at.isBefore(now.minus(OLDEST))) {
                throw new IllegalArgumentException("at must be within the last 7 days (Meta delivers no older message);"
                        + " it was " + at);
            }
            return at;
        }
    }

    private final SandboxWebhook webhook;
    private final JsonResponses responses;
    private final Clock clock;

    SandboxCustomer(SandboxWebhook webhook, JsonResponses responses, Clock clock) {
        this.webhook = webhook;
        this.responses = responses;
        this.clock = clock;
    }

    /** A 400 naming the field for a bad body, and then nothing is fed; otherwise the webhook's status. */
    HttpApiResponse handle(HttpApiRequest request) {
        // the sandbox's prefix route brought it here: answered under its own route, it is checked as described
        HttpApiRequest described = new HttpApiRequest(request.version(), ROUTE_KEY, request.rawPath(), request.rawQueryString(),
                request.headers(), request.queryStringParameters(), request.pathParameters(), request.requestContext(),
                request.body(), request.isBase64Encoded());
        return responses.answer("sandbox_customer_message", described, this::write);
    }

    private HttpApiResponse write(HttpApiRequest request) {
        CustomerMessage message = CustomerMessage.read(JsonBody.parse(JSON, request.bodyBytes()), clock.instant());
        String wamid = MetaSandbox.newWamid();
        HttpApiResponse answer = webhook.post(notification(message, wamid));
        LOG.infof("event=sandbox_customer_message wamid=%s contact=%s at=%s http_status=%d", wamid,
                message.from().ids().get(0).masked(), message.at(), answer.statusCode());
        return responses.of(answer.statusCode(), new Written(wamid, message.at(),
                new WebhookAnswer(answer.statusCode(), answer.body())));
    }

    /** Meta's shape of an inbound text: the contact's profile and ids, and the message naming its sender the same way. */
    private static byte[] notification(CustomerMessage message, String wamid) {
        ContactIdentity from = message.from();
        return SandboxWebhook.notification(message.phoneNumberId(), value -> {
            ObjectNode contact = value.putArray("contacts").addObject();
            ObjectNode profile = contact.putObject("profile");
            message.name().ifPresent(name -> profile.put("name", name));
            from.username().ifPresent(username -> profile.put("username", username));
            from.waId().ifPresent(waId -> contact.put("wa_id", waId.value()));
            from.userId().ifPresent(userId -> contact.put("user_id", userId.value()));
            ObjectNode node = value.putArray("messages").addObject();
            from.waId().ifPresent(waId -> node.put("from", waId.value()));
            from.userId().ifPresent(userId -> node.put("from_user_id", userId.value()));
            node.put("id", wamid);
            node.put("timestamp", Long.toString(message.at().getEpochSecond()));
            node.put("type", "text");
            node.putObject("text").put("body", message.text());
        });
    }
}
