package io.janela.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.application.ingest.FlowHandoff;
import io.janela.config.JanelaConfig;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.logging.Logger;

/**
 * Local mode's stand-in for the FlowHandoff pipe of infra/template.yaml: every message handed to a
 * bot flow becomes the event the pipe would put on the bus (the template's source and detail type,
 * the detail its input template makes), logged ({@code event=local_flow_event}) and kept in memory,
 * the latest {@value #KEPT}, for {@code GET /flow-events} (local mode only). A bot under development
 * reads its messages there. Only the local build carries this bean; in function.zip
 * {@link io.janela.application.ingest.PipeFlowHandoff} does nothing, as the pipe reads the stored message.
 */
@ApplicationScoped
public class LocalFlowEvents implements FlowHandoff {

    private static final Logger LOG = Logger.getLogger(LocalFlowEvents.class);
    static final String METHOD = "GET";
    static final String PATH = "/flow-events";
    static final int KEPT = 100;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    JanelaConfig config;
    @Inject
    Clock clock;

    private final Deque<ObjectNode> events = new ArrayDeque<>();
    private final JsonNode target = SamTemplate.fromClasspath().resource("FlowHandoffPipe").orElseThrow()
            .path("Properties").path("TargetParameters").path("EventBridgeEventBusParameters");

    @Override
    public void handedOver(FlowMessage message) {
        if (!config.local().enabled()) {
            return;
        }
        ObjectNode event = NODES.objectNode();
        event.put("source", target.path("Source").asText());
        event.put("detail-type", target.path("DetailType").asText());
        event.put("time", clock.instant().toString());
        event.set("detail", detail(message));
        synchronized (events) {
            events.addLast(event);
            if (events.size() > KEPT) {
                events.removeFirst();
            }
        }
        LOG.infof("event=local_flow_event flow=%s contact=%s message=%s", message.flow(), message.contact().forLog(),
                message.messageId());
    }

    /** The event's detail, field for field what the pipe's input template makes of the stored message. */
    public static ObjectNode detail(FlowMessage message) {
        ObjectNode detail = NODES.objectNode();
        detail.put("flow", message.flow());
        detail.put("phoneNumberId", message.contact().phoneNumberId());
        detail.put("contact", message.contact().id());
        detail.put("messageId", message.messageId());
        detail.put("type", message.type());
        detail.put("timestamp", Long.toString(message.sentAt().getEpochSecond()));
        detail.put("message", message.json());
        return detail;
    }

    /** {@code GET /flow-events[?flow=<name>]}: the events kept, oldest first. */
    HttpApiResponse list(HttpApiRequest request) {
        ArrayNode listed = NODES.arrayNode();
        synchronized (events) {
            events.stream()
                    .filter(event -> request.query("flow").map(flow -> flow.equals(event.path("detail").path("flow").asText()))
                            .orElse(true))
                    .forEach(listed::add);
        }
        ObjectNode body = NODES.objectNode();
        body.set("events", listed);
        return HttpApiResponse.json(200, body.toString());
    }
}
