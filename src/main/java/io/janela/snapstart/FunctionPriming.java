package io.janela.snapstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.meta.GraphApi;
import io.janela.adapters.meta.GraphMessageRequest;
import io.janela.functions.webhook.WebhookParser;
import io.janela.functions.webhook.WebhookSignature;
import io.janela.application.assignment.StreamChanges;
import io.janela.application.contacts.IdentityStore;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.functions.DeskFunction;
import io.janela.functions.DynamoDbStreamEvent;
import io.janela.functions.ScheduledEvent;
import io.janela.functions.http.ApiDescription;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function's first request, rehearsed before its SnapStart snapshot, so a restored function finds
 * its classes loaded, its JSON readers built and its hot code compiled. Reads and parsing only:
 * nothing is written, nothing is sent to Meta, and only what cannot exist is read (the provisional
 * contact, which is never stored), so no customer's data is frozen into a snapshot. Only the
 * exported function's beans are built.
 */
@ApplicationScoped
public class FunctionPriming {

    private static final ContactKey NOBODY = ContactKey.PROVISIONAL;
    private static final String NO_TICKET = "t" + NOBODY.hex() + "0000000000";
    private static final String SIGNATURE_HEADER = "x-hub-signature-256";

    /** A customer's text as Meta posts it, to the provisional contact's business number ({@code %d}: Unix seconds). */
    private static final String NOTIFICATION = """
            {"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"field":"messages","value":{
            "messaging_product":"whatsapp","metadata":{"display_phone_number":"0","phone_number_id":"%s"},
            "contacts":[{"profile":{"name":"Priming"},"wa_id":"0"}],
            "messages":[{"from":"0","id":"wamid.priming","timestamp":"%d","type":"text","text":{"body":"priming"}}]}}]}]}""";

    /** A ticket the assign function would weigh, on the provisional contact. */
    private static final String STREAM_BATCH = """
            {"Records":[{"eventID":"priming","eventName":"INSERT","eventSource":"aws:dynamodb","dynamodb":{
            "Keys":{"pk":{"S":"C#%1$s"},"sk":{"S":"TICKET#%2$s"}},
            "NewImage":{"pk":{"S":"C#%1$s"},"sk":{"S":"TICKET#%2$s"},"status":{"S":"WAITING"},"waiting":{"S":"NONE"},
            "phoneNumberId":{"S":"%3$s"},"waId":{"S":"0"},"protocol":{"S":"19700101-000000"},"deskState":{"S":"LIVE"},
            "openedAt":{"N":"%4$d"},"lastInboundAt":{"N":"%4$d"},"queuedAt":{"N":"%4$d"},"unansweredSince":{"N":"%4$d"}},
            "SequenceNumber":"1","StreamViewType":"NEW_AND_OLD_IMAGES"}}]}""";

    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    Instance<WebhookParser> parser;
    @Inject
    Instance<IdentityStore> identities;
    @Inject
    Instance<DeskFunction> desk;
    @Inject
    Instance<StreamChanges> changes;
    @Inject
    @RestClient
    Instance<GraphApi> graph;

    /** Rehearses {@code function}'s first request (a {@code quarkus.funqy.export} name). */
    public void prime(String function) {
        switch (function) {
            case "webhook" -> webhook();
            case "desk" -> desk();
            case "send" -> send();
            case "sweep", "campaign-driver" -> fromLambda(new ScheduledEvent("priming", "Scheduled Event",
                    clock.instant().toString()), ScheduledEvent.class);
            case "assign" -> assign();
            default -> throw new IllegalArgumentException("quarkus.funqy.export names no function: " + function);
        }
    }

    /** A signed notification read, verified and parsed as the webhook does; its customer's id looked up (no link exists). */
    private void webhook() {
        Instant now = clock.instant();
        byte[] notification = NOTIFICATION.formatted(NOBODY.phoneNumberId(), now.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8);
        WebhookSignature signature = new WebhookSignature("janela-priming");
        HttpApiRequest request = fromLambda(httpEvent("POST /webhook", Map.of(SIGNATURE_HEADER, signature.sign(notification)),
                Map.of(), new String(notification, StandardCharsets.UTF_8)), HttpApiRequest.class);
        if (!signature.matches(request.bodyBytes(), request.header(SIGNATURE_HEADER).orElse(null))) {
            throw new IllegalStateException("the priming notification's signature did not match");
        }
        parser.get().parse(request.bodyBytes(), now);
        identities.get().links(NOBODY.phoneNumberId(), List.of(new CustomerId.WaId("0")));
        toLambda(HttpApiResponse.text(200, "ok"));
    }

    /** The desk's own answer to a ticket that does not exist: route, read, 404 in the desk's JSON. */
    private void desk() {
        HttpApiRequest request = fromLambda(httpEvent("GET /tickets/{id}", Map.of(), Map.of("id", NO_TICKET), null),
                HttpApiRequest.class);
        toLambda(desk.get().desk(request));
    }

    /** The JSON Meta would get for a text, and the REST client that would send it; nothing is sent. */
    private void send() {
        ApiDescription.bundled().check(fromLambda(httpEvent("POST /messages", Map.of(), Map.of(), "{\"text\":\"priming\"}"),
                HttpApiRequest.class), true);
        try {
            json.writeValueAsBytes(GraphMessageRequest.of(new OutboundMessage(NOBODY, new CustomerId.WaId("0"),
                    new OutboundContent.Text("priming"), Optional.empty())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the priming message could not be written as JSON", e);
        }
        graph.get();
        toLambda(HttpApiResponse.json(202, "{}"));
    }

    /** A stream record read and weighed as assign does, without assigning anything. */
    private void assign() {
        DynamoDbStreamEvent event = fromLambda(STREAM_BATCH.formatted(NOBODY.id(), NO_TICKET, NOBODY.phoneNumberId(),
                clock.instant().getEpochSecond()), DynamoDbStreamEvent.class);
        event.records().forEach(record -> changes.get().signals(record.eventName(), record.dynamodb().keys(),
                record.dynamodb().newImage(), record.dynamodb().oldImage()));
    }

    private static HttpApiRequest httpEvent(String routeKey, Map<String, String> headers, Map<String, String> pathParameters,
            String body) {
        String[] route = routeKey.split(" ", 2);
        return new HttpApiRequest("2.0", routeKey, route[1], "", headers, Map.of(), pathParameters,
                new HttpApiRequest.RequestContext("priming", new HttpApiRequest.Http(route[0], route[1]), null), body, false);
    }

    /** The event as Lambda hands it to Funqy: JSON bytes, read with Funqy's own mapper. */
    private <T> T fromLambda(Object event, Class<T> type) {
        try {
            byte[] bytes = event instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : lambdaJson().writeValueAsBytes(event);
            return lambdaJson().readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the priming event could not be read", e);
        }
    }

    private void toLambda(Object answer) {
        try {
            lambdaJson().writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the priming answer could not be written", e);
        }
    }

    /** Funqy reads events and writes answers with the Lambda extension's copy of the application's mapper. */
    private ObjectMapper lambdaJson() {
        return AmazonLambdaMapperRecorder.objectMapper != null ? AmazonLambdaMapperRecorder.objectMapper : json;
    }
}
