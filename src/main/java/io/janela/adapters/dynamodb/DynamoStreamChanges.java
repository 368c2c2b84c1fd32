package io.janela.adapters.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.application.assignment.AssignmentSignal;
import io.janela.application.assignment.StreamChanges;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads what a stream record of the two tables asks of assignment. A ticket item asks for the
 * rules when it enters a queue (it is inserted waiting, or its {@code waiting} or {@code queuedAt}
 * changed); a customer message joining a waiting ticket changes neither and asks nothing. A ticket
 * that loses its {@code holder} (closed, or moved to a department) frees that agent's slot. An agent item asks
 * for a pickup when its status turns ONLINE. Everything else asks nothing.
 */
@ApplicationScoped
public class DynamoStreamChanges implements StreamChanges {

    private static final String AGENT_PREFIX = "AGENT#";
    private static final String AGENT_SORT_KEY = "AGENT";
    private static final String ONLINE = AgentStatus.ONLINE.name();

    @Override
    public List<AssignmentSignal> signals(String eventName, JsonNode keys, JsonNode newImage, JsonNode oldImage) {
        Map<String, AttributeValue> key = StreamImages.item(keys);
        String pk = Attributes.string(key, ContactItems.PK).orElse("");
        String sk = Attributes.string(key, ContactItems.SK).orElse("");
        if (pk.startsWith("C#") && sk.startsWith(ContactItems.TICKET_PREFIX)) {
            return ticketSignals(eventName, new TicketId(sk.substring(ContactItems.TICKET_PREFIX.length())),
                    StreamImages.item(newImage), StreamImages.item(oldImage));
        }
        if (pk.startsWith(AGENT_PREFIX) && sk.equals(AGENT_SORT_KEY)) {
            return agentSignals(pk.substring(AGENT_PREFIX.length()), StreamImages.item(newImage), StreamImages.item(oldImage));
        }
        return List.of();
    }

    private static List<AssignmentSignal> ticketSignals(String eventName, TicketId id, Map<String, AttributeValue> now,
            Map<String, AttributeValue> before) {
        List<AssignmentSignal> signals = new ArrayList<>();
        if (!now.isEmpty()) {
            Ticket ticket = TicketItems.ticket(now);
            boolean enteredQueue = "INSERT".equals(eventName)
                    || !Attributes.string(before, "waiting").equals(Attributes.string(now, "waiting"))
                    || !Attributes.number(before, "queuedAt").equals(Attributes.number(now, "queuedAt"));
            if (ticket.status() == TicketStatus.WAITING && enteredQueue) {
                signals.add(new AssignmentSignal.TicketQueued(ticket.contact(), ticket.id()));
            }
        }
        // closed, or moved to a department: the agent holds one ticket fewer (the filter passes exactly these)
        Optional<String> holder = Attributes.string(before, "holder");
        if (holder.isPresent() && !now.isEmpty() && !now.containsKey("holder")) {
            signals.add(new AssignmentSignal.SlotFreed(holder.get(), id));
        }
        return signals;
    }

    private static List<AssignmentSignal> agentSignals(String email, Map<String, AttributeValue> now,
            Map<String, AttributeValue> before) {
        boolean cameOnline = Attributes.string(now, "status").filter(ONLINE::equals).isPresent()
                && Attributes.string(before, "status").filter(ONLINE::equals).isEmpty();
        return cameOnline
                ? List.of(new AssignmentSignal.AgentOnline(Attributes.string(now, "email").orElse(email)))
                : List.of();
    }
}
