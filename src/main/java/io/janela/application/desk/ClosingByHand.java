package io.janela.application.desk;

import io.janela.application.LogText;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
import io.janela.application.sweep.TicketCloser;
import io.janela.application.sweep.TicketCloser.CloseRequest;
import io.janela.application.sweep.ClosingStore;
import io.janela.application.sweep.ClosingStore.CancelOutcome;
import io.janela.domain.ticket.CloseCondition;
import io.janela.domain.ticket.CloseOutcome;
import io.janela.application.sweep.ClosingStore.ScheduleOutcome;
import io.janela.domain.team.Agent;
import io.janela.domain.ticket.CloseReason;
import io.janela.domain.ticket.ScheduledClose;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** What an agent does to end a ticket from the desk: close it now, schedule its close, or cancel that. */
@ApplicationScoped
public class ClosingByHand {

    private static final Logger LOG = Logger.getLogger(ClosingByHand.class);

    private final ContactStore contacts;
    private final ClosingStore closings;
    private final TicketCloser closer;
    private final Agents agents;
    private final Clock clock;

    @Inject
    public ClosingByHand(ContactStore contacts, ClosingStore closings, TicketCloser closer, DirectoryStore directory,
            Clock clock) {
        this.contacts = contacts;
        this.closings = closings;
        this.closer = closer;
        this.agents = new Agents(directory);
        this.clock = clock;
    }

    public sealed interface Result {
    }

    /** Closed now; the ticket as it is after the close (with what became of the closing message). */
    public record Closed(Ticket ticket) implements Result {
    }

    public record Scheduled(Ticket ticket) implements Result {
    }

    public record Cancelled(Ticket ticket) implements Result {
    }

    public record NotFound() implements Result {
    }

    public record AlreadyClosed() implements Result {
    }

    public record NothingScheduled() implements Result {
    }

    /** What the agent asked: {@code at} empty closes now. */
    public record CloseCommand(String callerEmail, TicketId id, Optional<Instant> at, boolean cancelOnReply,
            Optional<String> message) {
        public CloseCommand {
            message = ScheduledClose.checkedMessage(message);
        }
    }

    /** Refused with {@link NotAnAgent} before anything is read for a caller who is not an agent. */
    public Result close(CloseCommand command) {
        Agent agent = agents.acting(command.callerEmail());
        Optional<Ticket> found = contacts.findTicket(command.id());
        if (found.isEmpty()) {
            return new NotFound();
        }
        Ticket ticket = found.get();
        if (!ticket.isOpen()) {
            return new AlreadyClosed();
        }
        Instant now = clock.instant();
        if (command.at().isPresent()) {
            ScheduledClose close = ScheduledClose.request(ticket, command.at().get(), command.cancelOnReply(),
                    command.message(), agent.email(), now);
            ScheduleOutcome outcome = closings.scheduleClose(ticket.contact(), ticket.id(), close);
            LOG.infof("event=close_scheduled ticket=%s at=%s cancel_on_reply=%s by=%s outcome=%s", ticket.id(),
                    close.at(), close.cancelOnReply(), LogText.of(agent.email()), outcome);
            return switch (outcome) {
                case SCHEDULED -> new Scheduled(reread(ticket));
                case ALREADY_CLOSED -> new AlreadyClosed();
                case NOT_FOUND -> new NotFound();
            };
        }
        CloseOutcome outcome = closer.close(new CloseRequest(ticket.contact(), ticket.id(), ticket.lastInboundAt(),
                CloseReason.AGENT, agent.email(), new CloseCondition.WhileOpen(), command.message()), now).outcome();
        return switch (outcome) {
            case CLOSED -> new Closed(reread(ticket));
            case NOT_FOUND -> new NotFound();
            default -> new AlreadyClosed();
        };
    }

    /** Refused with {@link NotAnAgent} before anything is read for a caller who is not an agent. */
    public Result cancelScheduledClose(String callerEmail, TicketId id) {
        Agent agent = agents.acting(callerEmail);
        Optional<Ticket> found = contacts.findTicket(id);
        if (found.isEmpty()) {
            return new NotFound();
        }
        CancelOutcome outcome = closings.cancelScheduledClose(found.get().contact(), id, Optional.empty());
        LOG.infof("event=scheduled_close_cancelled ticket=%s by=%s outcome=%s", id, LogText.of(agent.email()), outcome);
        return switch (outcome) {
            case CANCELLED -> new Cancelled(reread(found.get()));
            case NOT_SCHEDULED -> new NothingScheduled();
            case ALREADY_CLOSED -> new AlreadyClosed();
            case NOT_FOUND -> new NotFound();
        };
    }

    private Ticket reread(Ticket ticket) {
        return closings.ticket(ticket.contact(), ticket.id()).orElse(ticket);
    }
}
