package io.janela.adapters.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import io.janela.support.TestContacts;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.janela.support.WireMockGraph.ACCESS_TOKEN;
import static io.janela.support.WireMockGraph.SEND_ATTEMPTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.Rejected;
import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.application.outbound.MessageSender.Unreachable;
import io.janela.application.outbound.MetaCredentials;
import io.janela.config.ConfiguredMetaCredentials;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.WireMockGraph;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(GraphApiProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class GraphApiSenderTest {

    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WA_ID = "5511987654321";
    private static final ContactKey CUSTOMER = TestContacts.key("k0a1b2c3d4e5f60718293a4b5");
    private static final String MESSAGES = "/v25.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String WAMID = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjA5QkE2QjY4QzlEQzY3RkMwNgA=";

    @WireMockGraph.Server
    WireMockServer meta;

    @Inject
    MessageSender sender;
    @Inject
    @RestClient
    GraphApi graph;
    @Inject
    JanelaConfig config;
    @Inject
    MetaCredentials credentials;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void freshMeta() {
        meta.resetAll();
    }

    private static OutboundMessage text(String body) {
        return new OutboundMessage(CUSTOMER, new CustomerId.WaId(WA_ID), new OutboundContent.Text(body), Optional.empty());
    }

    private static OutboundMessage template(List<String> parameters, Optional<String> callbackData) {
        return new OutboundMessage(CUSTOMER, new CustomerId.WaId(WA_ID), new OutboundContent.Template("pedido_enviado", "pt_BR", parameters),
                callbackData);
    }

    private static String acceptedBody() {
        return """
                {"messaging_product":"whatsapp",
                 "contacts":[{"input":"%s","wa_id":"%s"}],
                 "messages":[{"id":"%s"}]}
                """.formatted(WA_ID, WA_ID, WAMID);
    }

    private static ResponseDefinitionBuilder metaAnswers(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(body);
    }

    private static String transientError(int code, String message) {
        return """
                {"error":{"message":"%s","type":"OAuthException","code":%d,
                          "error_data":{"messaging_product":"whatsapp","details":"%s"},
                          "is_transient":true,"fbtrace_id":"AxQ8bZ3tFfJ3pWnN2kYbC1q"}}
                """.formatted(message, code, message);
    }

    private void metaAlwaysAnswers(ResponseDefinitionBuilder answer) {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(answer));
    }

    private void metaAnswersThenAccepts(ResponseDefinitionBuilder firstAnswer) {
        meta.stubFor(post(urlEqualTo(MESSAGES)).inScenario("recovers").whenScenarioStateIs(STARTED)
                .willReturn(firstAnswer).willSetStateTo("recovered"));
        meta.stubFor(post(urlEqualTo(MESSAGES)).inScenario("recovers").whenScenarioStateIs("recovered")
                .willReturn(okJson(acceptedBody())));
    }

    private void metaReceived(int requests) {
        meta.verify(requests, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    private GraphApi graphAt(URI baseUri) {
        return RestClientBuilder.newBuilder().baseUri(baseUri).build(GraphApi.class);
    }

    private static URI aPortNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://localhost:" + socket.getLocalPort());
        }
    }


    @Test
    void aTextIsPostedAsMetaDocumentsItAndAcceptedWithItsWamid() {
        metaAlwaysAnswers(okJson(acceptedBody()));

        SendOutcome outcome = sender.send(text("Olá Ana, seu pedido saiu para entrega."));

        assertEquals(new Accepted(WAMID), outcome);
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987654321",
                         "type":"text","text":{"body":"Olá Ana, seu pedido saiu para entrega."}}
                        """)));
    }

    @Test
    void aTemplateCarriesItsParametersAsABodyComponentAndTheCallbackData() {
        metaAlwaysAnswers(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"5511987654321","wa_id":"5511987654321"}],
                 "messages":[{"id":"%s","message_status":"accepted"}]}
                """.formatted(WAMID)));

        SendOutcome outcome = sender.send(template(List.of("Ana", "20261121-000042"), Optional.of("ticket:T-42")));

        assertEquals(new Accepted(WAMID), outcome);
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987654321",
                 "type":"template",
                 "template":{"name":"pedido_enviado","language":{"code":"pt_BR"},
                             "components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},
                                                                        {"type":"text","text":"20261121-000042"}]}]},
                 "biz_opaque_callback_data":"ticket:T-42"}
                """)));
    }

    @Test
    void aSendToAUserIdNamesItInRecipientAndSendsNoTo() {
        String dora = "US.13491208655302741918";
        metaAlwaysAnswers(okJson("""
                {"messaging_product":"whatsapp","contacts":[{"input":"%s","user_id":"%s"}],
                 "messages":[{"id":"%s"}]}
                """.formatted(dora, dora, WAMID)));

        SendOutcome outcome = sender.send(new OutboundMessage(CUSTOMER, new CustomerId.Bsuid(dora),
                new OutboundContent.Template("pedido_enviado", "pt_BR", List.of("Dora")), Optional.of("campaign:c1:7")));

        assertEquals(new Accepted(WAMID), outcome);
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"US.13491208655302741918",
                 "type":"template",
                 "template":{"name":"pedido_enviado","language":{"code":"pt_BR"},
                             "components":[{"type":"body","parameters":[{"type":"text","text":"Dora"}]}]},
                 "biz_opaque_callback_data":"campaign:c1:7"}
                """)));
    }

    @Test
    void aTemplateWithoutParametersSendsNoComponents() {
        metaAlwaysAnswers(okJson(acceptedBody()));

        sender.send(template(List.of(), Optional.empty()));

        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987654321",
                 "type":"template","template":{"name":"pedido_enviado","language":{"code":"pt_BR"}}}
                """)));
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() {
        metaAlwaysAnswers(okJson(acceptedBody()));
        GraphApiSender tokenless = new GraphApiSender(graph,
                new ConfiguredMetaCredentials(Optional.empty(), Optional.empty(), Optional.empty()), config.meta(), json);

        assertEquals(new Accepted(WAMID), tokenless.send(text("Oi")));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withoutHeader("Authorization"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1      | An unknown error occurred",
            "2      | An unexpected error has occurred. Please retry your request later.",
            "131000 | (#131000) Something went wrong",
            "131016 | (#131016) Service unavailable",
            "131057 | (#131057) Business Account is in maintenance mode",
            "133004 | (#133004) Server temporarily unavailable"})
    void aTransientCodeIsRetriedUntilMetaTakesTheMessage(int code, String message) {
        // a 400, so only the code can make the error transient
        metaAnswersThenAccepts(metaAnswers(400, transientError(code, message)));

        assertEquals(new Accepted(WAMID), sender.send(text("Oi")));
        metaReceived(2);
    }

    @Test
    void aServerErrorIsRetried() {
        metaAnswersThenAccepts(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>503 Service Unavailable</h1></body></html>"));

        assertEquals(new Accepted(WAMID), sender.send(text("Oi")));
        metaReceived(2);
    }

    @Test
    void whenTheRetriesRunOutTheTransientErrorIsReturnedAsMetaSaidIt() {
        metaAlwaysAnswers(metaAnswers(400, transientError(131000, "(#131000) Something went wrong")));

        SendOutcome outcome = sender.send(text("Oi"));

        assertEquals(new Rejected(400, new MetaError(131000, "OAuthException", "(#131000) Something went wrong",
                "(#131000) Something went wrong"), true), outcome);
        metaReceived(SEND_ATTEMPTS);
        assertEquals(SEND_ATTEMPTS, config.meta().sendAttempts());
    }

    static Stream<Arguments> permanentErrors() {
        return Stream.of(
                Arguments.of(400, """
                        {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
                          "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
                          "fbtrace_id":"AbCdEfGhIjKlMnOpQrStUvW"}}
                        """, new MetaError(131047, "OAuthException", "(#131047) Re-engagement message",
                        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.")),
                Arguments.of(400, """
                        {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
                          "error_data":{"messaging_product":"whatsapp","details":"Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number."},
                          "fbtrace_id":"A1b2C3d4E5f6G7h8I9j0KlM"}}
                        """, new MetaError(131026, "OAuthException", "(#131026) Message undeliverable",
                        "Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.")),
                Arguments.of(400, """
                        {"error":{"message":"(#131050) Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business","type":"OAuthException","code":131050,
                          "error_data":{"messaging_product":"whatsapp","details":"The user has stopped marketing messages."},
                          "fbtrace_id":"AqWeRtYuIoPaSdFgHjKlZxC"}}
                        """, new MetaError(131050, "OAuthException",
                        "(#131050) Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business",
                        "The user has stopped marketing messages.")),
                Arguments.of(400, """
                        {"error":{"message":"(#131062) Business-scoped User ID (BSUID) recipients are not supported for this message.","type":"OAuthException","code":131062,
                          "error_data":{"messaging_product":"whatsapp","details":"Authentication templates can only be sent to phone numbers."},
                          "fbtrace_id":"AbSuIdPhOnErEqUiReD0001"}}
                        """, new MetaError(131062, "OAuthException",
                        "(#131062) Business-scoped User ID (BSUID) recipients are not supported for this message.",
                        "Authentication templates can only be sent to phone numbers.")),
                Arguments.of(400, """
                        {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,
                          "error_data":{"messaging_product":"whatsapp","details":"Param template['language']['code'] is not a valid language code"},
                          "error_subcode":2494010,"fbtrace_id":"AzXcVbNmLkJhGfDsApOiUyT"}}
                        """, new MetaError(100, "OAuthException", "(#100) Invalid parameter",
                        "Param template['language']['code'] is not a valid language code")),
                Arguments.of(401, """
                        {"error":{"message":"Error validating access token: Session has expired on Friday, 20-Nov-26 10:00:00 PST.","type":"OAuthException","code":190,
                          "error_subcode":463,"fbtrace_id":"A3q9Bq1sUO0FzW_DwA2pLQf"}}
                        """, new MetaError(190, "OAuthException",
                        "Error validating access token: Session has expired on Friday, 20-Nov-26 10:00:00 PST.", null)));
    }

    @ParameterizedTest
    @MethodSource("permanentErrors")
    void aPermanentErrorIsSentOnceAndReturnedWhole(int status, String body, MetaError expected) {
        metaAlwaysAnswers(metaAnswers(status, body));

        assertEquals(new Rejected(status, expected, false), sender.send(text("Oi")));
        metaReceived(1);
    }

    @Test
    void aGatewayErrorPageIsRetriedAndThenReportedWithItsStatus() {
        metaAlwaysAnswers(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"));

        Rejected rejected = assertInstanceOf(Rejected.class, sender.send(text("Oi")));

        assertEquals(502, rejected.httpStatus());
        assertTrue(rejected.transientError());
        assertEquals(0, rejected.error().code());
        assertTrue(rejected.error().message().contains("502"), rejected.error().message());
        assertTrue(rejected.error().details().contains("Bad Gateway"), rejected.error().details());
        metaReceived(SEND_ATTEMPTS);
    }

    @Test
    void aClientErrorWithoutMetaJsonIsSentOnce() {
        metaAlwaysAnswers(aResponse().withStatus(404).withHeader("Content-Type", "text/plain").withBody("Not Found"));

        Rejected rejected = assertInstanceOf(Rejected.class, sender.send(text("Oi")));

        assertEquals(new Rejected(404, new MetaError(0, "HTTP 404", rejected.error().message(), "Not Found"), false),
                rejected);
        assertTrue(rejected.error().message().contains("404"), rejected.error().message());
        metaReceived(1);
    }

    @Test
    void anAcceptedAnswerWithoutAMessageIdIsNotSentAgain() {
        metaAlwaysAnswers(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[]}"));

        Unreachable unreachable = assertInstanceOf(Unreachable.class, sender.send(text("Oi")));

        assertTrue(unreachable.mayHaveArrived());
        metaReceived(1);
    }

    @Test
    void aRefusedConnectionIsRetriedAndReportedAsNeverSent() throws IOException {
        GraphApi refusing = graphAt(aPortNobodyListensOn());
        AtomicInteger tries = new AtomicInteger();
        GraphApi counting = (version, phoneNumberId, authorization, message) -> {
            tries.incrementAndGet();
            return refusing.sendMessage(version, phoneNumberId, authorization, message);
        };

        SendOutcome outcome = new GraphApiSender(counting, credentials, config.meta(), json).send(text("Oi"));

        Unreachable unreachable = assertInstanceOf(Unreachable.class, outcome);
        assertEquals(false, unreachable.mayHaveArrived(), unreachable.reason());
        assertEquals(SEND_ATTEMPTS, tries.get());
    }

    @Test
    void aSendThatCouldNotConnectOnceGoesThroughOnTheRetry() {
        metaAlwaysAnswers(okJson(acceptedBody()));
        AtomicInteger tries = new AtomicInteger();
        GraphApi refusingOnce = (version, phoneNumberId, authorization, message) -> {
            if (tries.incrementAndGet() == 1) {
                throw new ProcessingException(new ConnectException("Connection refused"));
            }
            return graph.sendMessage(version, phoneNumberId, authorization, message);
        };

        assertEquals(new Accepted(WAMID), new GraphApiSender(refusingOnce, credentials, config.meta(), json).send(text("Oi")));
        metaReceived(1);
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsNeverSentAgain() {
        metaAlwaysAnswers(okJson(acceptedBody()).withFixedDelay(WireMockGraph.READ_TIMEOUT_MS * 2));

        Unreachable unreachable = assertInstanceOf(Unreachable.class, sender.send(text("Oi")));

        assertTrue(unreachable.mayHaveArrived(), unreachable.reason());
        metaReceived(1);
    }

    @Test
    void aConnectionDroppedAfterTheRequestIsNeverSentAgain() {
        metaAlwaysAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Unreachable unreachable = assertInstanceOf(Unreachable.class, sender.send(text("Oi")));

        assertTrue(unreachable.mayHaveArrived(), unreachable.reason());
        metaReceived(1);
    }
}
