package io.janela.application.outbound;

import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.domain.contact.ContactKey;

/**
 * Tells Meta the desk has read a customer's message (the blue ticks), and may show them that an
 * agent is typing. Meta answers like a send: {@link MessageSender.Accepted} names the message marked.
 */
public interface ReadReceiptSender {

    SendOutcome markRead(ContactKey contact, String wamid, boolean typing);
}
