package io.janela.application.desk;

import io.janela.application.LogText;
import io.janela.application.assignment.AssignmentTrigger;
import io.janela.application.assignment.TeamStore;
import io.janela.application.contacts.ContactStore;
import io.janela.application.desk.TicketEditStore.Applied;
import io.janela.application.desk.TicketEditStore.ContactFlags;
import io.janela.application.desk.TicketEditStore.DefaultAgent;
import io.janela.application.desk.TicketEditStore.EditOutcome;
import io.janela.application.desk.TicketEditStore.StoredNote;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.Note;
import io.janela.domain.desk.Tags;
import io.janela.domain.team.Agent;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * What an agent changes by hand from the desk: who holds a ticket, its tags, its internal notes,
 * and a contact's flags. Every change needs an agent of the desk ({@link NotAnAgent} for anyone
 * else) and records who made it.
 */
@ApplicationScoped
public class TicketEditor {

    private static final Logger LOG = Logger.getLogger(TicketEditor.class);

    private final TicketEditStore edits;
    private final ContactStore contacts;
    private final DirectoryStore directory;
    private final Agents agents;
    private final TeamStore team;
    private final AssignmentTrigger assignment;
    private final Clock clock;

    @Inject
    public TicketEditor(TicketEditStore edits, ContactStore contacts, DirectoryStore directory, TeamStore team,
            AssignmentTrigger assignment, Clock clock) {
        this.edits = edits;
        this.contacts = contacts;
        this.directory = directory;
        this.agents = new Agents(directory);
        this.team = team;
        this.assignment = assignment;
        this.clock = clock;
    }

    public sealed interface Result {
    }

    /** The ticket as the change left it. */
    public record Edited(Ticket ticket) implements Result {
    }

    public record NoteAdded(StoredNote note) implements Result {
    }

    public record NotesFound(List<StoredNote> notes) implements Result {
    }

    public record ContactSaved(ContactKey contact) implements Result {
    }

    public record UnknownTicket() implements Result {
    }

    public record UnknownContact() implements Result {
    }

    public record TicketClosed() implements Result {
    }

    /** The body's {@code field} names someone who is not an agent of the desk. */
    public record UnknownAgent(String field, String email) implements Result {
    }

    public record UnknownDepartment(String id) implements Result {
    }

    /** The ticket would carry {@code count} tags, more than {@link Tags#MAX_PER_TICKET}. */
    public record TooManyTags(int count) implements Result {
    }

    /** Where a ticket goes by hand: an agent, or a department's queue. */
    public sealed interface Target {
    }

    public record ToAgent(String email) implements Target {
        public ToAgent {
            email = checkedEmail("agent", email);
        }
    }

    /** An agent's address in the body's {@code field}, the error naming that field. */
    public static String checkedEmail(String field, String email) {
        try {
            return Agent.checkedEmail(email);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(field + ": " + bad.getMessage());
        }
    }

    public record ToDepartment(String id) implements Target {
        public ToDepartment {
            Department.checkedId(id);
        }
    }

    public record AssignCommand(String caller, TicketId ticket, Target target) {
    }

    /** Tags to add and to remove, each checked, lower-cased and named once; a tag may not be in both. */
    public record TagCommand(String caller, TicketId ticket, List<String> add, List<String> remove) {
        public TagCommand {
            add = checkedTags("add", add);
            remove = checkedTags("remove", remove);
            if (add.isEmpty() && remove.isEmpty()) {
                throw new IllegalArgumentException("tags: the body needs a tag in add or in remove");
            }
            if (add.size() > Tags.MAX_PER_TICKET) {
                throw new IllegalArgumentException("tags: a ticket carries at most " + Tags.MAX_PER_TICKET
                        + " tags, add names " + add.size());
            }
            Optional<String> both = add.stream().filter(remove::contains).findFirst();
            if (both.isPresent()) {
                throw new IllegalArgumentException("tags: " + both.get() + " is both in add and in remove");
            }
        }

        private static List<String> checkedTags(String field, List<String> tags) {
            Set<String> checked = new TreeSet<>();
            for (int i = 0; i < tags.size(); i++) {
                try {
                    checked.add(Tags.checked(tags.get(i)));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(field + "[" + i + "]: " + bad.getMessage());
                }
            }
            return List.copyOf(checked);
        }
    }

    public record NoteCommand(String caller, TicketId ticket, String text) {
        public NoteCommand {
            text = Note.checkedText(text);
        }
    }

    public record FlagsCommand(String caller, ContactKey contact, ContactFlags flags) {
    }

    /**
     * An agent's edit of the ticket the request names: refused with {@link NotAnAgent} for a caller
     * who is not an agent, answered {@link UnknownTicket} for a ticket there is not.
     */
    private Result onTicket(String callerEmail, TicketId id, BiFunction<Agent, Ticket, Result> edit) {
        Agent caller = agents.acting(callerEmail);
        return contacts.findTicket(id).map(ticket -> edit.apply(caller, ticket)).orElseGet(UnknownTicket::new);
    }

    public Result assign(AssignCommand command) {
        return onTicket(command.caller(), command.ticket(), (caller, ticket) -> assign(command, caller.email(), ticket));
    }

    private Result assign(AssignCommand command, String by, Ticket ticket) {
        Instant now = clock.instant();
        if (command.target() instanceof ToAgent to) {
            Optional<Agent> agent = directory.findAgent(to.email());
            if (agent.isEmpty()) {
                return new UnknownAgent("agent", to.email());
            }
            if (!ticket.isOpen()) {
                return new TicketClosed();
            }
            Result result = answer(edits.assignToAgent(ticket, agent.get().email(), by, now));
            if (result instanceof Edited) {
                contacts.recordLastAgent(ticket.contact(), agent.get().email(), now);
                LOG.infof("event=ticket_assigned ticket=%s agent=%s by_hand=true by=%s", ticket.id(),
                        LogText.of(agent.get().email()), LogText.of(by));
            }
            return result;
        }
        String department = ((ToDepartment) command.target()).id();
        if (team.findDepartment(department).isEmpty()) {
            return new UnknownDepartment(department);
        }
        if (!ticket.isOpen()) {
            return new TicketClosed();
        }
        Result result = answer(edits.assignToDepartment(ticket, department, by, now));
        if (result instanceof Edited) {
            LOG.infof("event=ticket_assigned ticket=%s department=%s by_hand=true by=%s", ticket.id(), LogText.of(department),
                    LogText.of(by));
            assignment.ticketQueued(ticket.contact(), ticket.id());
        }
        return result;
    }

    /** Closed tickets are tagged too: tags are what reports count. */
    public Result tag(TagCommand command) {
        return onTicket(command.caller(), command.ticket(), (caller, ticket) -> {
            Result result = answer(edits.retag(ticket, Set.copyOf(command.add()), Set.copyOf(command.remove()),
                    caller.email(), clock.instant()));
            if (result instanceof Edited edited) {
                LOG.infof("event=ticket_tagged ticket=%s added=%s removed=%s tags=%d by=%s", command.ticket(),
                        command.add().size(), command.remove().size(), edited.ticket().tags().size(), LogText.of(caller.email()));
            }
            return result;
        });
    }

    /** A note is never sent and is no reply: the ticket itself is not written. Closed tickets take notes too. */
    public Result addNote(NoteCommand command) {
        return onTicket(command.caller(), command.ticket(), (caller, ticket) -> {
            // kept to the millisecond, as the note's key orders it
            StoredNote note = edits.addNote(ticket.contact(), command.ticket(),
                    new Note(clock.instant().truncatedTo(ChronoUnit.MILLIS), caller.email(), command.text()));
            LOG.infof("event=note_added ticket=%s note=%s by=%s", command.ticket(), note.id(), LogText.of(caller.email()));
            return new NoteAdded(note);
        });
    }

    public Result notes(String callerEmail, TicketId id) {
        return onTicket(callerEmail, id, (caller, ticket) -> new NotesFound(edits.notes(ticket.contact(), id)));
    }

    /**
     * Blocking closes nothing: an open ticket stays open for the desk to see, while the guard
     * refuses every send to the contact and the intake opens no ticket from it.
     */
    public Result setFlags(FlagsCommand command) {
        Agent caller = agents.acting(command.caller());
        if (contacts.findContact(command.contact()).isEmpty()) {
            return new UnknownContact();
        }
        ContactFlags flags = command.flags();
        Optional<String> named = flags.defaultAgent().flatMap(DefaultAgent::email);
        if (named.isPresent()) {
            Optional<Agent> agent = directory.findAgent(named.get());
            if (agent.isEmpty()) {
                return new UnknownAgent("defaultAgent", named.get());
            }
            // stored as the directory spells it
            flags = new ContactFlags(flags.blocked(), flags.broadcastOptOut(),
                    Optional.of(new DefaultAgent(Optional.of(agent.get().email()))));
        }
        edits.setContactFlags(command.contact(), flags, caller.email(), clock.instant());
        LOG.infof("event=contact_flags_saved contact=%s blocked=%s broadcast_opt_out=%s default_agent=%s by=%s",
                command.contact().forLog(), flags.blocked().map(String::valueOf).orElse("-"),
                flags.broadcastOptOut().map(String::valueOf).orElse("-"),
                LogText.of(flags.defaultAgent().map(agent -> agent.email().orElse("cleared")).orElse("-")),
                LogText.of(caller.email()));
        return new ContactSaved(command.contact());
    }

    private static Result answer(EditOutcome outcome) {
        if (outcome instanceof Applied applied) {
            return new Edited(applied.ticket());
        }
        if (outcome instanceof TicketEditStore.TooManyTags tooMany) {
            return new TooManyTags(tooMany.count());
        }
        if (outcome instanceof TicketEditStore.TicketClosed) {
            return new TicketClosed();
        }
        return new UnknownTicket();
    }
}
