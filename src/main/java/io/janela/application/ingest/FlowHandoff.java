package io.janela.application.ingest;

import io.janela.domain.contact.ContactKey;
import java.time.Instant;

/**
 * A customer's message went to a bot flow: no ticket opened, the team's bot has the conversation.
 * In AWS the message's record reaches the bot by itself: the contacts table's stream carries the
 * insert of its {@code IN#} item through the {@code FlowHandoffPipe} to the event bus
 * (infra/template.yaml), and {@link PipeFlowHandoff} does nothing. Local mode has no pipe and keeps
 * what was handed over where a developer can read it.
 */
public interface FlowHandoff {

    void handedOver(FlowMessage message);

    /** What the bot's event carries: the flow, whose message it is, and Meta's own JSON of it. */
    record FlowMessage(String flow, ContactKey contact, String messageId, String type, Instant sentAt, String json) {
    }
}
