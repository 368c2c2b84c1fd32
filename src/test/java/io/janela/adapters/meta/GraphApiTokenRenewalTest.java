package io.janela.adapters.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.janela.support.WireMockSecretsManager.SECRET_ARN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.adapters.aws.SecretsManagerMetaCredentials;
import io.janela.application.media.MediaSource;
import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.Rejected;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MutableClock;
import io.janela.support.TestContacts;
import io.janela.support.WireMockGraph;
import io.janela.support.WireMockSecretsManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A token rotated in Secrets Manager while functions run: the Graph API refuses the old one
 * (401, code 190), the sender reads the secret again at once and sends once more with the new one.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(GraphApiProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class GraphApiTokenRenewalTest {

    private static final String MESSAGES = "/v25.0/106540352242922/messages";
    private static final String WAMID = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjBCQzQ0QUI5RjE0NDdEQkFGNQA=";
    private static final WireMockSecretsManager SECRETS = new WireMockSecretsManager();

    @WireMockGraph.Server
    WireMockServer meta;
    @Inject
    @RestClient
    GraphApi graph;
    @Inject
    @RestClient
    GraphMediaApi media;
    @Inject
    JanelaConfig config;
    @Inject
    ObjectMapper json;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));

    @BeforeEach
    void fresh() {
        meta.resetAll();
        SECRETS.reset();
        SECRETS.holds("app-secret", "verify", "EAA-old", "v1");
        meta.stubFor(post(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Bearer EAA-old"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
                          "type":"OAuthException","code":190,"error_subcode":460,"fbtrace_id":"AmQ2sYk0bXz1pGfT9RrNw3e"}}
                        """)));
        meta.stubFor(post(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Bearer EAA-new"))
                .willReturn(okJson("""
                        {"messaging_product":"whatsapp","contacts":[{"input":"5511987654321","wa_id":"5511987654321"}],
                         "messages":[{"id":"%s"}]}""".formatted(WAMID))));
    }

    @AfterAll
    static void stop() {
        SECRETS.close();
    }

    private GraphApiSender sender() {
        SecretsManagerMetaCredentials credentials = SecretsManagerMetaCredentials.read(SECRETS.client(), SECRET_ARN,
                Duration.ofMinutes(5), clock, json);
        return new GraphApiSender(graph, credentials, config.meta(), json);
    }

    private static OutboundMessage text() {
        return new OutboundMessage(TestContacts.key("5511987654321"), new CustomerId.WaId("5511987654321"),
                new OutboundContent.Text("Seu pedido saiu para entrega"), Optional.empty());
    }

    private int sentWith(String token) {
        return meta.countRequestsMatching(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + token)).build()).getCount();
    }

    @Test
    void aRefusedTokenIsReadAgainFromTheSecretAndTheSendMadeOnceMoreWithTheNewOne() {
        GraphApiSender sender = sender();
        SECRETS.holds("app-secret", "verify", "EAA-new", "v2");

        assertEquals(new Accepted(WAMID), sender.send(text()));

        assertEquals(1, sentWith("EAA-old"));
        assertEquals(1, sentWith("EAA-new"));
        assertEquals(2, SECRETS.reads(), "the start's read and one on the refusal");

        // the next send goes with the new token straight away
        assertEquals(new Accepted(WAMID), sender.send(text()));
        assertEquals(1, sentWith("EAA-old"));
        assertEquals(2, SECRETS.reads());
    }

    @Test
    void aTokenTheSecretStillHoldsIsNotSentAgain() {
        GraphApiSender sender = sender();

        Rejected refused = assertInstanceOf(Rejected.class, sender.send(text()));

        assertEquals(401, refused.httpStatus());
        assertEquals(190, refused.error().code());
        assertEquals(1, sentWith("EAA-old"), "Meta refused the token, not the message: sending it again changes nothing");
        assertEquals(2, SECRETS.reads());
    }

    @Test
    void aRenewedTokenRefusedTooEndsTheSendWithoutAnotherRead() {
        GraphApiSender sender = sender();
        SECRETS.holds("app-secret", "verify", "EAA-also-revoked", "v2");
        meta.stubFor(post(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Bearer EAA-also-revoked"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}")));

        Rejected refused = assertInstanceOf(Rejected.class, sender.send(text()));

        assertEquals(190, refused.error().code());
        assertEquals(1, sentWith("EAA-old"));
        assertEquals(1, sentWith("EAA-also-revoked"));
        assertEquals(2, SECRETS.reads());
    }

    @Test
    void aMediaDownloadRefusedForItsTokenIsMadeWithTheRenewedOne() {
        String mediaId = "1037543291543636";
        meta.stubFor(get(urlEqualTo("/v25.0/" + mediaId)).withHeader("Authorization", equalTo("Bearer EAA-old"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: Session has expired",
                          "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AmQ2sYk0bXz1pGfT9RrNw3f"}}""")));
        meta.stubFor(get(urlEqualTo("/v25.0/" + mediaId)).withHeader("Authorization", equalTo("Bearer EAA-new"))
                .willReturn(okJson("""
                        {"messaging_product":"whatsapp","url":"%s/whatsapp_business/attachments/?mid=%s","mime_type":"image/webp",
                         "sha256":"0d1c","file_size":3,"id":"%s"}""".formatted(meta.baseUrl(), mediaId, mediaId))));
        meta.stubFor(get(urlPathEqualTo("/whatsapp_business/attachments/")).withHeader("Authorization", equalTo("Bearer EAA-new"))
                .willReturn(aResponse().withHeader("Content-Type", "image/webp").withBody(new byte[] {'R', 'I', 'F'})));
        SecretsManagerMetaCredentials credentials = SecretsManagerMetaCredentials.read(SECRETS.client(), SECRET_ARN,
                Duration.ofMinutes(5), clock, json);
        GraphMediaSource source = new GraphMediaSource(media, credentials, config, json, 5000, 2000);
        SECRETS.holds("app-secret", "verify", "EAA-new", "v2");

        MediaSource.Fetched fetched = assertInstanceOf(MediaSource.Fetched.class, source.fetch(mediaId, 1024));

        assertArrayEquals(new byte[] {'R', 'I', 'F'}, fetched.bytes());
        assertEquals("image/webp", fetched.mimeType());
        assertEquals(2, SECRETS.reads(), "the start's read and one on the refusal");
    }
}
