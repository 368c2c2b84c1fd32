package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.application.directory.DirectoryStore;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.HttpApiEvents;
import io.janela.support.MockLambda;
import io.janela.support.WireMockGraph;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code GET /media/{mediaId}} on the send Lambda, through the mock event server, with WireMock
 * playing both of Meta's steps: the media id's metadata, then the file at the url it names.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(SendProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class SendMediaTest {

    private static final String BIA = "bia@desk.example";
    private static final String MEDIA_ID = "1037543291543636";
    private static final String METADATA = "/v25.0/" + MEDIA_ID;
    private static final String FILE = "/whatsapp_business/attachments/";
    private static final String FILE_QUERY = "?mid=" + MEDIA_ID + "&ext=1795251600&hash=ATuWMC2oyPZk";
    /** janela.media.max-bytes's default. */
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    @WireMockGraph.Server
    WireMockServer meta;
    @Inject
    DirectoryStore directory;

    @BeforeEach
    void deskAndMeta() {
        meta.resetAll();
        directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
    }

    /** Meta's metadata for the media id, its url on WireMock as it is on lookaside.fbsbx.com. */
    private void metaKnowsTheMedia(String mimeType, long fileSize) {
        meta.stubFor(get(urlEqualTo(METADATA))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN))
                .willReturn(okJson("""
                        {"messaging_product":"whatsapp","url":"%s%s%s","mime_type":"%s",
                         "sha256":"b1e1a1cbe0f1d1c2cb8b06c8d5c10e64d25b1a8ca61d3d1c1fcd3f4a1b2c3d4e",
                         "file_size":%d,"id":"%s"}""".formatted(meta.baseUrl(), FILE, FILE_QUERY, mimeType, fileSize, MEDIA_ID))));
    }

    private void metaServesTheFile(String mimeType, byte[] bytes) {
        meta.stubFor(get(urlPathEqualTo(FILE))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", mimeType).withBody(bytes)));
    }

    private static JsonNode getMedia(String caller, String mediaId) {
        String event = HttpApiEvents.get("/media/{mediaId}", "/media/" + mediaId, Map.of(), Map.of("mediaId", mediaId));
        return MockLambda.invoke(caller == null ? event : HttpApiEvents.withCaller(event, caller));
    }

    private static byte[] photo(int size) {
        byte[] bytes = new byte[size];
        new Random(14).nextBytes(bytes);
        bytes[0] = (byte) 0xFF; // a JPEG starts FF D8 FF
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    private static void assertRefused(JsonNode response, int status, String error) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals(error, MockLambda.body(response).path("error").asText(), response.toString());
        assertFalse(MockLambda.body(response).path("message").asText().isBlank());
    }

    @Test
    void anAgentGetsTheCustomersPhotoByteForByteWithItsType() {
        byte[] photo = photo(48_213);
        metaKnowsTheMedia("image/jpeg", photo.length);
        metaServesTheFile("image/jpeg", photo);

        JsonNode response = getMedia(BIA, MEDIA_ID);

        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        assertTrue(response.path("isBase64Encoded").asBoolean());
        assertEquals("image/jpeg", response.path("headers").path("content-type").asText());
        assertTrue(response.path("headers").path("cache-control").asText().startsWith("private"));
        assertArrayEquals(photo, Base64.getDecoder().decode(response.path("body").asText()));
        meta.verify(1, getRequestedFor(urlEqualTo(FILE + FILE_QUERY))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN)));
    }

    @Test
    void aFileLargerThanTheBoundByMetasSizeIsRefusedWithoutDownloadingIt() {
        metaKnowsTheMedia("video/mp4", 15_728_640);
        metaServesTheFile("video/mp4", photo(16));

        assertRefused(getMedia(BIA, MEDIA_ID), 422, "media_too_large");
        meta.verify(0, getRequestedFor(urlPathEqualTo(FILE)));
    }

    @Test
    void aFileThatTurnsOutLargerThanMetaSaidStopsAtTheBound() {
        metaKnowsTheMedia("image/jpeg", 1_000);
        metaServesTheFile("image/jpeg", photo(MAX_BYTES + 1));

        JsonNode response = getMedia(BIA, MEDIA_ID);

        assertRefused(response, 422, "media_too_large");
        assertTrue(MockLambda.body(response).path("message").asText().contains(Integer.toString(MAX_BYTES)));
    }

    @Test
    void aFileExactlyAtTheBoundIsRelayed() {
        byte[] file = photo(MAX_BYTES);
        metaKnowsTheMedia("application/pdf", file.length);
        metaServesTheFile("application/pdf", file);

        JsonNode response = getMedia(BIA, MEDIA_ID);

        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("application/pdf", response.path("headers").path("content-type").asText());
        assertArrayEquals(file, Base64.getDecoder().decode(response.path("body").asText()));
    }

    @Test
    void aMediaIdMetaDoesNotKnowIsAnUnknownMedia() {
        meta.stubFor(get(urlEqualTo(METADATA)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Unsupported get request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
                         "type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbCdEfGh1234"}}""".formatted(MEDIA_ID))));

        assertRefused(getMedia(BIA, MEDIA_ID), 404, "unknown_media");
    }

    @Test
    void anExpiredTokenSaysTheDesksTokenNeedsRenewing() {
        meta.stubFor(get(urlEqualTo(METADATA)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: Session has expired on Friday, 04-Dec-26 01:00:00 PST.",
                         "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCdEfGh5678"}}""")));

        JsonNode response = getMedia(BIA, MEDIA_ID);

        assertRefused(response, 502, "meta_token_refused");
        assertTrue(MockLambda.body(response).path("message").asText().contains("190"));
        meta.verify(0, getRequestedFor(urlPathEqualTo(FILE)));
    }

    @Test
    void metaDownIsAnUnavailableMetaNotAFailureOfOurs() {
        meta.stubFor(get(urlEqualTo(METADATA)).willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));

        assertRefused(getMedia(BIA, MEDIA_ID), 503, "meta_unavailable");
    }

    @Test
    void onlyTheDesksAgentsMayFetchACustomersMedia() {
        metaKnowsTheMedia("image/jpeg", 10);
        metaServesTheFile("image/jpeg", photo(10));

        assertRefused(getMedia("stranger@elsewhere.example", MEDIA_ID), 403, "not_an_agent");
        assertRefused(getMedia(null, MEDIA_ID), 401, "unauthenticated");
        meta.verify(0, getRequestedFor(urlEqualTo(METADATA)));
    }

    @Test
    void aMediaIdThatIsNotMetasIsABadRequestThatNeverReachesMeta() {
        assertRefused(getMedia(BIA, "../../me"), 400, "invalid_request");
        assertRefused(getMedia(BIA, "1".repeat(33)), 400, "invalid_request");
        assertRefused(getMedia(BIA, "12ab"), 400, "invalid_request");
        assertEquals(0, meta.getAllServeEvents().size());
    }

    @Test
    void theRouteTakesNoQueryParameter() {
        String event = HttpApiEvents.get("/media/{mediaId}", "/media/" + MEDIA_ID, Map.of("size", "small"),
                Map.of("mediaId", MEDIA_ID));

        JsonNode response = MockLambda.invoke(HttpApiEvents.withCaller(event, BIA));

        assertRefused(response, 400, "invalid_request");
        assertTrue(MockLambda.body(response).path("message").asText().contains("size"));
    }
}
