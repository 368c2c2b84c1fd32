package io.janela.domain.ticket;

import io.janela.domain.contact.ContactProfile;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import java.util.Optional;

/** What a customer message does to the contact's tickets. */
public sealed interface Intake {

    /** Kept for the record, no ticket is touched. */
    record StoreOnly(String reason) implements Intake {
    }

    record Join(TicketId ticket) implements Intake {
    }

    /** A new ticket; {@code replyRoute} when the message answers an active message that named one. */
    record Open(TicketId ticket, Optional<ReplyRoute> replyRoute) implements Intake {
    }

    /** The answer to an active message routed to a bot flow: the bot has the conversation, no ticket opens. */
    record HandToFlow(String flow) implements Intake {
    }

    static Intake decide(ContactProfile profile, InboundMessage message, Optional<ReplyRule> replyRule) {
        if (!message.isFromCustomer()) {
            return new StoreOnly("system message");
        }
        if (profile.blocked()) {
            return new StoreOnly("contact blocked");
        }
        if (profile.openTicketId().isPresent()) {
            return new Join(profile.openTicketId().get());
        }
        Optional<ReplyRoute> route = replyRule.filter(rule -> rule.routes(message.sentAt())).map(ReplyRule::route);
        if (route.filter(ReplyRoute.ToFlow.class::isInstance).isPresent()) {
            return new HandToFlow(route.get().target());
        }
        return new Open(TicketId.openedBy(message.contact(), message.wamid()), route);
    }
}
