package io.janela.application.desk;

import io.janela.application.contacts.ContactStore;
import io.janela.application.desk.ConversationStore.Page;
import io.janela.application.desk.ConversationStore.Paging;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.ConversationMessage;
import io.janela.domain.message.ConversationRange;
import io.janela.domain.message.MessageId;
import io.janela.domain.message.Reactions;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * What an agent reads of a conversation: a ticket's messages, a contact's whole history, and one
 * outbound message with its statuses. Only the desk's agents read them ({@link NotAnAgent}).
 */
@ApplicationScoped
public class Conversations {

    private final ConversationStore conversations;
    private final ContactStore contacts;
    private final Agents agents;

    @Inject
    public Conversations(ConversationStore conversations, ContactStore contacts, DirectoryStore directory) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.agents = new Agents(directory);
    }

    /** The ticket's messages, from the customer's first to the close (or on, while open); empty for a ticket there is not. */
    public Optional<Page> ofTicket(String caller, TicketId id, Paging paging) {
        agents.acting(caller);
        return contacts.findTicket(id).map(ticket -> withReactions(conversations.messages(ticket.contact().id(),
                range(ticket), Optional.of(id), paging)));
    }

    /** Every message of the contact, across its tickets and what landed on none. */
    public Page ofContact(String caller, ContactKey contact, Paging paging) {
        agents.acting(caller);
        return withReactions(conversations.messages(contact.id(), ConversationRange.ALL, Optional.empty(), paging));
    }

    /** One outbound message by Janela's id; empty for an id of the older form, which names no place. */
    public Optional<ConversationMessage> message(String caller, String id) {
        agents.acting(caller);
        return MessageId.parse(id).flatMap(conversations::outbound);
    }

    private ConversationRange range(Ticket ticket) {
        Optional<Closing> closing = ticket.closing();
        Optional<Instant> goodbyeAt = closing.map(Closing::message)
                .filter(message -> message.outcome() == ClosingMessage.Outcome.SENT)
                .flatMap(ClosingMessage::detail)
                .flatMap(wamid -> conversations.acceptedAt(ticket.contact(), wamid));
        return ConversationRange.ofTicket(ticket.openedAt(), closing.map(Closing::at), goodbyeAt);
    }

    private static Page withReactions(Page page) {
        return new Page(Reactions.attach(page.messages()), page.cursor());
    }
}
