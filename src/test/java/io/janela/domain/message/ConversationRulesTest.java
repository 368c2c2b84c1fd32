package io.janela.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.ConversationMessage.Reaction;
import io.janela.domain.ticket.Closing;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a conversation view shows: who wrote, statuses in order, reactions on their messages, a ticket's stretch, ids. */
class ConversationRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final ContactKey ANA = new ContactKey("106540352242922", "k0123456789abcdef01234567");

    private static ConversationMessage inbound(String wamid, int second, MessageContent content) {
        return ConversationMessage.inbound(wamid, T0.plusSeconds(second), content);
    }

    private static ConversationMessage reaction(String wamid, int second, String to, String emoji) {
        return inbound(wamid, second, new MessageContent.Reaction(to, emoji));
    }

    private static ConversationMessage agentText(String wamid, int second) {
        return ConversationMessage.outbound("m-" + wamid, Optional.of(wamid), T0.plusSeconds(second),
                new MessageAuthor.Agent("bia@desk.example"), new MessageContent.Text("ok"),
                Delivery.of(DeliveryStatus.SENT, Map.of(), List.of(), Optional.empty()));
    }

    @Test
    void theSenderComesFromTheCampaignElseFromSentBy() {
        assertEquals(new MessageAuthor.Campaign("c1"), MessageAuthor.ofOutbound(Optional.of("campaign:c1"), Optional.of("c1")));
        assertEquals(new MessageAuthor.Sweeper(), MessageAuthor.ofOutbound(Optional.of(Closing.JANELA), Optional.empty()));
        assertEquals(new MessageAuthor.Agent("bia@desk.example"),
                MessageAuthor.ofOutbound(Optional.of("bia@desk.example"), Optional.empty()));
        assertEquals(new MessageAuthor.Unknown(), MessageAuthor.ofOutbound(Optional.empty(), Optional.empty()),
                "only Meta's statuses told of it");
    }

    @Test
    void statusesAreInTheOrderAMessageLivesThemWhateverTheirTimestamps() {
        Delivery delivery = Delivery.of(DeliveryStatus.READ, Map.of(
                DeliveryStatus.READ, T0.plusSeconds(5),
                DeliveryStatus.DELIVERED, T0.plusSeconds(6),
                DeliveryStatus.SENT, T0.plusSeconds(6),
                DeliveryStatus.ACCEPTED, T0), List.of(), Optional.empty());
        assertEquals(List.of(DeliveryStatus.ACCEPTED, DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ),
                delivery.history().stream().map(Delivery.StatusTime::status).toList());
        assertEquals(Optional.of(T0.plusSeconds(5)), delivery.statusAt());
        assertEquals(Optional.empty(), Delivery.of(DeliveryStatus.FAILED, Map.of(DeliveryStatus.SENT, T0), List.of(),
                Optional.empty()).statusAt(), "a status whose time Meta never gave");
    }

    @Test
    void aReactionSitsOnItsMessageAndTheLatestOneWins() {
        List<ConversationMessage> page = Reactions.attach(List.of(
                agentText("wamid.A", 0),
                reaction("wamid.R1", 10, "wamid.A", "\uD83D\uDC4D"),
                reaction("wamid.R2", 20, "wamid.A", "\u2764")));
        assertEquals(1, page.size(), page.toString());
        assertEquals(List.of(new Reaction("wamid.R2", "\u2764", T0.plusSeconds(20))), page.get(0).reactions());
    }

    @Test
    void anEmptyEmojiTakesTheReactionBack() {
        List<ConversationMessage> page = Reactions.attach(List.of(
                reaction("wamid.R2", 20, "wamid.A", ""),
                reaction("wamid.R1", 10, "wamid.A", "\uD83D\uDC4D"),
                agentText("wamid.A", 0)));
        assertEquals(1, page.size(), "newest first, the same rule: " + page);
        assertEquals(List.of(), page.get(0).reactions());
    }

    @Test
    void aReactionWhoseMessageIsNotOnThePageStaysOnItsOwn() {
        ConversationMessage alone = reaction("wamid.R", 10, "wamid.OLDER", "\uD83D\uDE02");
        ConversationMessage text = inbound("wamid.T", 5, new MessageContent.Text("oi"));
        assertEquals(List.of(text, alone), Reactions.attach(List.of(text, alone)));
    }

    @Test
    void aTicketRunsFromItsOpeningToItsGoodbyeOrOnWhileOpen() {
        Instant closed = T0.plusSeconds(600);
        assertEquals(new ConversationRange(T0, closed.plusMillis(450)),
                ConversationRange.ofTicket(T0, Optional.of(closed), Optional.of(closed.plusMillis(450))));
        assertEquals(new ConversationRange(T0, closed), ConversationRange.ofTicket(T0, Optional.of(closed), Optional.empty()));
        assertEquals(new ConversationRange(T0, closed), ConversationRange.ofTicket(T0, Optional.of(closed),
                Optional.of(T0.plusSeconds(30))), "a goodbye of an earlier close does not stretch it back");
        assertEquals(ConversationRange.ALL.to(), ConversationRange.ofTicket(T0, Optional.empty(), Optional.empty()).to());
        assertThrows(IllegalArgumentException.class, () -> new ConversationRange(closed, T0));
    }

    @Test
    void aMessageIdNamesItsContactAndTheMillisecondItWasAccepted() {
        Instant accepted = Instant.parse("2026-11-21T09:00:00.123Z");
        MessageId id = MessageId.of(ANA, accepted, "00ff00ff00ff00ff");
        assertEquals(53, id.value().length());
        assertEquals(ANA.id(), id.contactId());
        assertEquals(accepted, id.acceptedAt());
        assertEquals(Optional.of(id), MessageId.parse(id.value()));
        assertEquals(Optional.empty(), MessageId.parse("m0f3c2a1b4d5e6f708192a3b4c5d6e7f8"), "the older form: m and a UUID's hex");
        assertEquals(Optional.empty(), MessageId.parse(id.value().toUpperCase()));
        assertTrue(MessageId.parse(null).isEmpty());
    }
}
