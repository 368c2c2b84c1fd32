package io.janela.application.sweep;

import io.janela.application.LogText;
import io.janela.application.outbound.OutboundStore;
import io.janela.application.outbound.SendService;
import io.janela.application.outbound.SendService.NotDelivered;
import io.janela.application.outbound.SendService.Refused;
import io.janela.application.outbound.SendService.SendResult;
import io.janela.application.outbound.SendService.Sent;
import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.Closing;
import io.janela.domain.ticket.ClosingMessage;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.window.CustomerServiceWindow;
import io.janela.domain.window.SweepRule;
import io.janela.domain.window.WindowState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Closes one ticket, with its closing message when there is one. The close comes first and is
 * conditional: if a customer message wins the race, nothing is sent. The message follows, as
 * free-form text through the send path, and only while the window is open.
 */
@ApplicationScoped
public class TicketCloser {

    private static final Logger LOG = Logger.getLogger(TicketCloser.class);

    private final ClosingStore closings;
    private final SendService sends;
    private final SweepRule guard;

    @Inject
    public TicketCloser(ClosingStore closings, SendService sends, SweepRule guard) {
        this.closings = closings;
        this.sends = sends;
        this.guard = guard;
    }

    /** One close to make: which ticket, as read, and why. */
    public record CloseRequest(ContactKey contact, TicketId id, Instant lastInboundAt, CloseReason reason, String by,
            CloseCondition condition, Optional<String> message) {
    }

    public record CloseResult(CloseOutcome outcome, Closing closing) {
        public boolean closed() {
            return outcome == CloseOutcome.CLOSED;
        }
    }

    public CloseResult close(CloseRequest request, Instant now) {
        WindowState window = CustomerServiceWindow.since(request.lastInboundAt()).stateAt(now, guard.expiringLead());
        Closing closing = new Closing(request.reason(), now, request.by(), window,
                ClosingMessage.planned(request.message(), window.allowsFreeForm()));
        CloseOutcome outcome = closings.close(request.contact(), request.id(), closing, request.condition());
        if (outcome != CloseOutcome.CLOSED) {
            LOG.infof("event=ticket_not_closed ticket=%s reason=%s outcome=%s", request.id(), request.reason(), outcome);
            return new CloseResult(outcome, closing);
        }
        LOG.infof("event=ticket_closed ticket=%s reason=%s by=%s window=%s message=%s", request.id(), request.reason(),
                LogText.of(request.by()), window, closing.message().outcome());
        if (closing.message().outcome() != ClosingMessage.Outcome.PENDING) {
            return new CloseResult(outcome, closing);
        }
        ClosingMessage sent = send(request.by(), request.contact(), request.message().orElseThrow());
        closings.recordClosingMessage(request.contact(), request.id(), sent);
        return new CloseResult(outcome, closing.withMessage(sent));
    }

    /** Janela's own free-form text to the customer, and what became of it. */
    ClosingMessage send(String sentBy, ContactKey to, String text) {
        SendResult result = sends.sendFreeForm(sentBy, to, text);
        if (result instanceof Sent sent) {
            return ClosingMessage.sent(sent.wamid());
        }
        if (result instanceof Refused refused) {
            return refused.refusal().reason() == Refusal.Reason.WINDOW_CLOSED
                    ? ClosingMessage.WINDOW_CLOSED
                    : ClosingMessage.refused(refused.refusal().code());
        }
        NotDelivered failed = (NotDelivered) result;
        return ClosingMessage.failed(String.valueOf(OutboundStore.failureOf(failed.outcome()).code()));
    }
}
