package io.janela.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.janela.application.campaign.CampaignStore.Campaign;
import io.janela.application.campaign.Campaigns;
import io.janela.application.directory.DirectoryStore;
import io.janela.domain.campaign.Audience;
import io.janela.domain.campaign.RecipientOutcome;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.support.EmfCapture;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The campaign driver as Lambda runs it: EventBridge's scheduled event is POSTed to the mock
 * event server, and the sends reach WireMock standing in for Meta's Graph API.
 */
@QuarkusTest
@Execution(ExecutionMode.SAME_THREAD)
@TestProfile(CampaignDriverProfile.class)
@WithTestResource(DynamoDbLocalResource.class)
@WithTestResource(WireMockGraph.class)
class CampaignDriverFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String MESSAGES = "/v25.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String MARINA = "marina@loja.example.com";
    private static final String PROMO = "promo_black_friday";

    @WireMockGraph.Server
    WireMockServer meta;

    @Inject
    Campaigns campaigns;
    @Inject
    DirectoryStore directory;

    /** Meta's answer to a send, with a wamid of its own for each recipient. */
    private void metaAcceptsEverySend() {
        meta.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
                {"messaging_product":"whatsapp",
                 "contacts":[{"input":"{{jsonPath request.body '$.to'}}","wa_id":"{{jsonPath request.body '$.to'}}"}],
                 "messages":[{"id":"wamid.{{jsonPath request.body '$.to'}}","message_status":"accepted"}]}
                """).withTransformers("response-template")));
    }

    private static JsonNode scheduledEvent() throws Exception {
        return MockLambda.invoke(Files.readString(Path.of("functions/campaign-driver/events/scheduled.json")));
    }

    private static String templateSend(String to, String name, String coupon, String callbackData) {
        return """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"template",
                 "template":{"name":"%s","language":{"code":"pt_BR"},
                             "components":[{"type":"body","parameters":[{"type":"text","text":"%s"},
                                                                        {"type":"text","text":"%s"}]}]},
                 "biz_opaque_callback_data":"%s"}
                """.formatted(to, PROMO, name, coupon, callbackData);
    }

    @Test
    void eachScheduledEventSendsTheNextBatchThroughTheGraphApi() throws Exception {
        meta.resetAll();
        metaAcceptsEverySend();
        directory.putAgent(new Agent(MARINA, "Marina", AgentStatus.ONLINE, true));
        directory.putTemplate(new Template(PROMO, "pt_BR", Optional.of("MARKETING"), 2, true, Optional.empty()));
        directory.recordTemplateStatus(new TemplateStatusChange(PROMO, "pt_BR", "APPROVED", null, Instant.now()));
        directory.putActiveMessagePolicy(ActiveMessagePolicy.PERMITTED_AGENTS);
        String csv = """
                phone,name,coupon
                5511987654321,Ana,ANA10
                5521912345678,Bruno,BRUNO10
                not-a-phone,Zé,ZE10
                5531933330001,Carla,CARLA10
                """;
        Campaign campaign = assertInstanceOf(Campaigns.Created.class, campaigns.create(new Campaigns.CreateCommand(
                MARINA, PHONE_NUMBER_ID, PROMO, "pt_BR", Optional.empty(),
                parameters -> Audience.fromCsv(csv, parameters), Optional.empty()))).campaign();

        JsonNode run;
        JsonNode metrics;
        try (EmfCapture stdout = EmfCapture.start()) {
            run = scheduledEvent();
            metrics = stdout.only();
        }

        assertEquals(JSON.readTree("""
                {"_aws":{"Timestamp":%d,"CloudWatchMetrics":[{"Namespace":"Janela","Dimensions":[["Function"]],
                  "Metrics":[{"Name":"CampaignSent","Unit":"Count"},{"Name":"CampaignFailed","Unit":"Count"},
                             {"Name":"CampaignUnknown","Unit":"Count"},{"Name":"CampaignSkipped","Unit":"Count"},{"Name":"HeldBackRetries","Unit":"Count"}]}]},
                 "Function":"campaign-driver","CampaignSent":3,"CampaignFailed":0,"CampaignUnknown":0,"CampaignSkipped":0,"HeldBackRetries":0}"""
                .formatted(metrics.path("_aws").path("Timestamp").asLong())), metrics,
                "Zé's invalid phone was skipped when the campaign was created, not by the run");
        assertEquals(1, run.path("campaigns").asInt(), run.toString());
        assertEquals(3, run.path("sent").asInt(), run.toString());
        assertEquals(0, run.path("failed").asInt(), run.toString());
        assertEquals(0, run.path("stillSending").asInt(), run.toString());
        meta.verify(3, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + WireMockGraph.ACCESS_TOKEN)));
        String callback = "janela:campaign:" + campaign.id() + ":";
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(
                equalToJson(templateSend("5511987654321", "Ana", "ANA10", callback + 1))));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(
                equalToJson(templateSend("5521912345678", "Bruno", "BRUNO10", callback + 2))));
        meta.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(
                equalToJson(templateSend("5531933330001", "Carla", "CARLA10", callback + 4))));

        Campaigns.Report report = campaigns.report(campaign.id(), 0, 10).orElseThrow();
        assertEquals(Map.of("sent", 3L, "skipped.invalid_phone", 1L), report.campaign().counts());
        assertEquals(Optional.of("wamid.5531933330001"), report.recipients().get(3).wamid(), "Meta's own wamid is kept");
        assertEquals(RecipientOutcome.SENT, report.recipients().get(3).outcome());

        JsonNode nextRun = scheduledEvent();

        assertEquals(0, nextRun.path("sent").asInt(), nextRun.toString());
        meta.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
    }
}
