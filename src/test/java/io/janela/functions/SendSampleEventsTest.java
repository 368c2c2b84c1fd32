package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.application.directory.DirectoryStore;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.support.DynamoDbLocalResource;
import io.janela.support.MockLambda;
import io.janela.support.WireMockGraph;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The sample events in functions/send/events stay valid: each one is invoked as Lambda would. */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(SendProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class SendSampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @WireMockGraph.Server
    WireMockServer meta;
    @Inject
    DirectoryStore directory;

    private static JsonNode invoke(String file) throws Exception {
        return MockLambda.invoke(Files.readString(Path.of("functions/send/events", file)));
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return JSON.readTree(response.path("body").asText());
    }

    @Test
    void everySendSampleIsAnsweredAsItsNoteSays() throws Exception {
        meta.stubFor(post(urlPathMatching("/v25.0/[0-9]+/messages")).willReturn(okJson(
                "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"5511987650002\",\"wa_id\":\"5511987650002\"}],"
                        + "\"messages\":[{\"id\":\"wamid.HBgNNTUxMTk4NzY1MDAwMhUCABEYEjQ1\"}]}")));
        directory.putAgent(new Agent("bia@desk.example", "Bia", AgentStatus.ONLINE, true));
        directory.putTemplate(new Template("pedido_atualizado", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange("pedido_atualizado", "pt_BR", "APPROVED", null,
                Instant.parse("2026-01-01T00:00:00Z")));

        JsonNode text = invoke("send-text.json");
        assertEquals(409, text.path("statusCode").asInt());
        assertEquals("window_closed", body(text).path("error").asText());

        JsonNode template = invoke("send-template.json");
        assertEquals(201, template.path("statusCode").asInt(), template.toString());
        assertEquals(true, body(template).path("activeMessage").asBoolean());

        JsonNode byUserId = invoke("send-template-user-id.json");
        assertEquals(201, byUserId.path("statusCode").asInt(), byUserId.toString());
        meta.verify(1, postRequestedFor(urlPathMatching("/v25.0/[0-9]+/messages")).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"US.13491208655302741918",
                 "type":"template","template":{"name":"pedido_atualizado","language":{"code":"pt_BR"},
                 "components":[{"type":"body","parameters":[{"type":"text","text":"Dora"}]}]}}""")));

        JsonNode created = invoke("create-campaign.json");
        assertEquals(202, created.path("statusCode").asInt(), created.toString());
        JsonNode campaign = body(created);
        assertEquals(4, campaign.path("total").asInt());
        assertEquals(2, campaign.path("counts").path("pending").asInt());
        assertEquals(1, campaign.path("counts").path("skipped").path("duplicate").asInt());
        assertEquals(1, campaign.path("counts").path("skipped").path("invalid_phone").asInt());
        assertEquals(200, invoke("create-campaign.json").path("statusCode").asInt(), "the same Idempotency-Key again");

        JsonNode report = invoke("get-campaign.json");
        assertEquals(200, report.path("statusCode").asInt(), report.toString());
        assertEquals(campaign.path("id").asText(), body(report).path("id").asText());
        assertEquals(4, body(report).path("recipients").size());
        JsonNode first = body(report).path("recipients").get(0);
        assertEquals("5511987650003", first.path("waId").asText());
        assertEquals("+55 11 98765-0003", first.path("phone").asText());
        assertTrue(first.path("userId").isNull(), "a row named by phone has no user id: " + first);

        meta.stubFor(get(urlPathEqualTo("/v25.0/1037543291543636")).willReturn(okJson("""
                {"messaging_product":"whatsapp","url":"%s/whatsapp_business/attachments/?mid=1037543291543636",
                 "mime_type":"image/png","sha256":"9f2c","file_size":4,"id":"1037543291543636"}""".formatted(meta.baseUrl()))));
        meta.stubFor(get(urlPathEqualTo("/whatsapp_business/attachments/")).willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
        JsonNode media = invoke("get-media.json");
        assertEquals(200, media.path("statusCode").asInt(), media.toString());
        assertEquals("image/png", media.path("headers").path("content-type").asText());
        assertEquals("iVBORw==", media.path("body").asText());

        JsonNode read = invoke("mark-read.json");
        assertEquals(404, read.path("statusCode").asInt(), "the sample's ticket is not in this desk: " + read);
        assertEquals("unknown_ticket", body(read).path("error").asText());
    }
}
