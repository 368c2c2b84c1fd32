package io.janela.infra;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import static io.janela.support.MetaPayloads.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.application.ingest.FlowHandoff.FlowMessage;
import io.janela.application.outbound.SendService;
import io.janela.application.outbound.SendService.SendCommand;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.routing.ReplyRoute;
import io.janela.local.LocalFlowEvents;
import io.janela.local.SamTemplate;
import io.janela.support.EventFilter;
import io.janela.support.IngestHarness;
import io.janela.support.MutableClock;
import io.janela.support.PipeInputTemplate;
import io.janela.support.SendHarness;
import io.janela.support.TableStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The FlowHandoffPipe of infra/template.yaml against the real stream: a reply routed to a bot flow,
 * and everything around it (the active message and its status, a customer with a ticket, a duplicate
 * delivery, the flow message's item changed and removed), done on DynamoDB Local; every record its
 * stream wrote goes through the pipe's filter, and what passes through its input template.
 */
class FlowHandoffPipeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final String ANA = "5511987654321";
    private static final String BRUNO = "5511912345678";
    /** Quotes, a backslash, a line break, accents and an emoji: what the detail must carry unharmed. */
    private static final String REPLY = "Nota 10! \"Ótimo\" atendimento \\o/\nValeu 👍";

    private static JsonNode pipe() {
        return SamTemplate.fromClasspath().resource("FlowHandoffPipe").orElseThrow().path("Properties");
    }

    private static List<String> filters() {
        List<String> patterns = new ArrayList<>();
        pipe().path("SourceParameters").path("FilterCriteria").path("Filters")
                .forEach(filter -> patterns.add(filter.path("Pattern").asText()));
        return patterns;
    }

    private static String describe(JsonNode record) {
        return record.path("eventName").asText() + " " + record.path("dynamodb").path("Keys").path("sk").path("S").asText();
    }

    @Test
    void onlyTheFirstWriteOfAMessageForAFlowBecomesAnEventCarryingItUnharmed() throws Exception {
        MutableClock clock = new MutableClock(T0);
        List<ObjectNode> records;
        ContactKey ana;
        Map<String, AttributeValue> stored;
        try (IngestHarness desk = new IngestHarness(clock); TableStream stream = new TableStream(desk.tables.contacts())) {
            SendHarness send = new SendHarness(desk, clock);
            send.team(T0.minusSeconds(60));
            SendService.Sent survey = assertInstanceOf(SendService.Sent.class, send.sends.send(new SendCommand(SendHarness.BIA,
                    PHONE_NUMBER_ID, new CustomerId.WaId(ANA),
                    new OutboundContent.Template("pedido_atualizado", "pt_BR", List.of("Ana")),
                    Optional.of(new ReplyRoute.ToFlow("nps-survey")))));
            clock.set(T0.plusSeconds(90));
            desk.deliver(notification().status(ANA, survey.wamid(), "delivered", T0.plusSeconds(30)));
            desk.deliver(notification().text(ANA, "Ana", "wamid.F1", T0.plusSeconds(90), REPLY));
            desk.deliver(notification().text(ANA, "Ana", "wamid.F1", T0.plusSeconds(90), REPLY));
            desk.deliver(notification().text(BRUNO, "Bruno", "wamid.B1", T0.plusSeconds(90), "Oi"));
            clock.set(T0.plusSeconds(120));
            desk.deliver(notification().image(ANA, "Ana", "wamid.F2", T0.plusSeconds(120)));
            ana = desk.key(ANA);
            stored = desk.contactItem(ana, "IN#wamid.F1");
            Map<String, AttributeValue> key = Map.of("pk", stored.get("pk"), "sk", stored.get("sk"));
            desk.dynamo.updateItem(request -> request.tableName(desk.tables.contacts()).key(key)
                    .updateExpression("SET reviewed = :yes").expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
            desk.dynamo.deleteItem(request -> request.tableName(desk.tables.contacts()).key(key));
            records = stream.next();
        }

        List<String> passed = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (ObjectNode record : records) {
            (EventFilter.passes(filters(), record) ? passed : dropped).add(describe(record));
        }
        assertEquals(List.of("INSERT IN#wamid.F1", "INSERT IN#wamid.F2"), passed);
        assertTrue(dropped.containsAll(List.of("INSERT IN#wamid.B1", "MODIFY IN#wamid.F1", "REMOVE IN#wamid.F1",
                "INSERT REPLY_RULE", "INSERT PROFILE")), dropped.toString());
        assertTrue(dropped.stream().anyMatch(record -> record.startsWith("MODIFY OUT#")), "the status: " + dropped);
        assertTrue(dropped.stream().anyMatch(record -> record.startsWith("INSERT TICKET#")), "Bruno's ticket: " + dropped);

        ObjectNode first = records.stream().filter(record -> describe(record).equals("INSERT IN#wamid.F1")).findFirst().orElseThrow();
        JsonNode detail = PipeInputTemplate.renderJson(pipe().path("TargetParameters").path("InputTemplate").asText(), first);
        String message = stored.get("message").s();
        ObjectNode expected = JSON.createObjectNode()
                .put("flow", "nps-survey")
                .put("phoneNumberId", PHONE_NUMBER_ID)
                .put("contact", ana.id())
                .put("messageId", "wamid.F1")
                .put("type", "text")
                .put("timestamp", Long.toString(T0.plusSeconds(90).getEpochSecond()))
                .put("message", message);
        assertEquals(expected, detail);
        assertEquals(REPLY, JSON.readTree(detail.path("message").asText()).path("text").path("body").asText());
        assertEquals(expected, LocalFlowEvents.detail(new FlowMessage("nps-survey", ana, "wamid.F1", "text",
                T0.plusSeconds(90), message)), "local mode's events carry what the pipe's do");
    }

    /** The bot's rule matches on these: they stay as the README documents them. */
    @Test
    void theEventsSourceAndDetailTypeAreTheDocumentedOnes() {
        JsonNode target = pipe().path("TargetParameters").path("EventBridgeEventBusParameters");
        assertEquals("io.janela", target.path("Source").asText());
        assertEquals("Flow message", target.path("DetailType").asText());
        assertEquals("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${FlowEventBusName}",
                pipe().path("Target").path("Fn::Sub").asText());
        assertEquals(List.of("ContactsTable", "StreamArn"), List.of(pipe().path("Source").path("Fn::GetAtt").get(0).asText(),
                pipe().path("Source").path("Fn::GetAtt").get(1).asText()));
    }
}
