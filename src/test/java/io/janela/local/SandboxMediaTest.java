package io.janela.local;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.directory.DirectoryStore;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The sandbox's sample media and read receipts, over HTTP as Meta is reached; and a desk page's
 * {@code GET /media/{mediaId}} through local mode's gateway, which hands the browser the file's bytes.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(LocalModeProfile.class)
class SandboxMediaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Inject
    LocalMode localMode;
    @Inject
    DirectoryStore directory;

    private String sandbox(String path) {
        return "http://localhost:" + localMode.port() + "/sandbox/" + path;
    }

    private static HttpResponse<byte[]> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> postStatus(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox("v25.0/" + PHONE_NUMBER_ID + "/messages")))
                .header("Authorization", "Bearer " + LocalModeConfig.LOCAL_SANDBOX_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSampleMediaComesInMetasTwoSteps() throws Exception {
        HttpResponse<byte[]> metadata = get(sandbox("v25.0/" + SandboxMedia.SAMPLE_MEDIA_ID), LocalModeConfig.LOCAL_SANDBOX_TOKEN);

        assertEquals(200, metadata.statusCode());
        JsonNode media = JSON.readTree(metadata.body());
        assertEquals("whatsapp", media.path("messaging_product").asText());
        assertEquals("image/png", media.path("mime_type").asText());
        assertEquals(SandboxMedia.SAMPLE_MEDIA_ID, media.path("id").asText());
        assertEquals(64, media.path("sha256").asText().length());

        HttpResponse<byte[]> file = get(media.path("url").asText(), LocalModeConfig.LOCAL_SANDBOX_TOKEN);
        assertEquals(200, file.statusCode());
        assertEquals("image/png", file.headers().firstValue("content-type").orElse(""));
        assertEquals(media.path("file_size").asInt(), file.body().length);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(file.body(), PNG_SIGNATURE.length));

        assertEquals(401, get(media.path("url").asText(), "not-the-sandbox-token").statusCode(), "the file wants the token too");
    }

    @Test
    void anUnknownMediaIdOrABadTokenIsAnsweredAsMetaAnswersThem() throws Exception {
        HttpResponse<byte[]> unknown = get(sandbox("v25.0/999"), LocalModeConfig.LOCAL_SANDBOX_TOKEN);
        assertEquals(400, unknown.statusCode());
        assertEquals(100, JSON.readTree(unknown.body()).path("error").path("code").asInt());

        HttpResponse<byte[]> refused = get(sandbox("v25.0/" + SandboxMedia.SAMPLE_MEDIA_ID), "not-the-sandbox-token");
        assertEquals(401, refused.statusCode());
        assertEquals(190, JSON.readTree(refused.body()).path("error").path("code").asInt());
    }

    @Test
    void aReadReceiptWithOrWithoutTypingIsASuccess() throws Exception {
        HttpResponse<String> read = postStatus("""
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.SANDBOXREAD1"}""");
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(true, JSON.readTree(read.body()).path("success").asBoolean());

        HttpResponse<String> typing = postStatus("""
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.SANDBOXREAD1",
                 "typing_indicator":{"type":"text"}}""");
        assertEquals(200, typing.statusCode(), typing.body());
        assertEquals(true, JSON.readTree(typing.body()).path("success").asBoolean());

        HttpResponse<String> noMessage = postStatus("""
                {"messaging_product":"whatsapp","status":"read"}""");
        assertEquals(400, noMessage.statusCode());
        assertEquals(100, JSON.readTree(noMessage.body()).path("error").path("code").asInt());
    }

    @Test
    void aDeskPageGetsTheSampleMediaAsAFileThroughTheGateway() throws Exception {
        directory.putAgent(new Agent("bia@desk.example", "Bia", AgentStatus.ONLINE, true));

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + localMode.port() + "/media/" + SandboxMedia.SAMPLE_MEDIA_ID))
                .header(LocalGateway.AGENT_HEADER, "bia@desk.example").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("image/png", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.headers().firstValue("cache-control").orElse("").startsWith("private"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(response.body(), PNG_SIGNATURE.length));
    }
}
