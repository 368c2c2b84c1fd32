package io.janela.functions.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.desk.DeskReads;
import io.janela.application.desk.TicketEditor;
import io.janela.application.desk.TicketEditor.AssignCommand;
import io.janela.application.desk.TicketEditor.FlagsCommand;
import io.janela.application.desk.TicketEditor.NoteCommand;
import io.janela.application.desk.TicketEditor.Result;
import io.janela.application.desk.TicketEditor.TagCommand;
import io.janela.application.desk.TicketEditStore.ContactFlags;
import io.janela.application.desk.TicketEditStore.DefaultAgent;
import io.janela.application.desk.TicketEditStore.StoredNote;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.desk.Tags;
import io.janela.domain.ticket.TicketId;
import io.janela.functions.desk.DeskViews.ContactView;
import io.janela.functions.desk.DeskViews.TicketView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The desk's changes by hand: a contact's flags, a ticket's agent or department, its tags and its
 * internal notes. Each needs a caller (401) who is an agent of the desk (403).
 */
@ApplicationScoped
public class TicketEditRoutes {

    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;
    @Inject
    TicketEditor edits;
    @Inject
    DeskReads reads;
    @Inject
    Clock clock;
    @Inject
    TicketPaths paths;
    @Inject
    ContactPaths contactPaths;

    /** {@code PUT /numbers/{phoneNumberId}/contacts/{ref}}: any of blocked, broadcastOptOut, defaultAgent. */
    public HttpApiResponse putContact(HttpApiRequest request) {
        Optional<String> caller = request.callerEmail();
        if (caller.isEmpty()) {
            return responses.unauthenticated();
        }
        JsonBody body = JsonBody.parse(json, request.bodyBytes()).allowOnly("blocked", "broadcastOptOut", "defaultAgent");
        Optional<ContactKey> found = contactPaths.contact(request);
        if (found.isEmpty()) {
            return contactPaths.unknownContact(request);
        }
        ContactKey contact = found.get();
        Optional<DefaultAgent> defaultAgent = body.present("defaultAgent")
                ? Optional.of(new DefaultAgent(body.optionalText("defaultAgent")
                        .map(email -> TicketEditor.checkedEmail("defaultAgent", email))))
                : Optional.empty();
        Result result = edits.setFlags(new FlagsCommand(caller.get(), contact, new ContactFlags(
                body.optionalBoolean("blocked"), body.optionalBoolean("broadcastOptOut"), defaultAgent)));
        if (result instanceof TicketEditor.ContactSaved) {
            return reads.contact(contact)
                    .map(saved -> responses.ok(ContactView.of(saved, reads.openTicketOf(saved), clock.instant())))
                    .orElseGet(() -> contactPaths.unknownContact(request));
        }
        return refused(request, result);
    }

    /** {@code POST /tickets/{id}/assign}: exactly one of agent, department. */
    public HttpApiResponse assign(HttpApiRequest request) {
        return onTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parse(json, request.bodyBytes()).allowOnly("agent", "department");
            TicketEditor.Target target = body.oneOf("agent", "department").equals("agent")
                    ? new TicketEditor.ToAgent(body.text("agent"))
                    : new TicketEditor.ToDepartment(body.text("department"));
            return ticketAnswer(request, edits.assign(new AssignCommand(caller, id, target)));
        });
    }

    /** {@code POST /tickets/{id}/tags}: {@code add} and {@code remove}, lists of tags. */
    public HttpApiResponse tag(HttpApiRequest request) {
        return onTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parse(json, request.bodyBytes()).allowOnly("add", "remove");
            return ticketAnswer(request, edits.tag(new TagCommand(caller, id, body.optionalTexts("add"),
                    body.optionalTexts("remove"))));
        });
    }

    /** {@code POST /tickets/{id}/notes}: {@code text}; answers 201 with the note. */
    public HttpApiResponse addNote(HttpApiRequest request) {
        return onTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parse(json, request.bodyBytes()).allowOnly("text");
            Result result = edits.addNote(new NoteCommand(caller, id, body.text("text")));
            return result instanceof TicketEditor.NoteAdded added
                    ? responses.of(201, NoteView.of(added.note()))
                    : refused(request, result);
        });
    }

    /** {@code GET /tickets/{id}/notes}: the ticket's notes, oldest first. */
    public HttpApiResponse notes(HttpApiRequest request) {
        return onTicket(request, (caller, id) -> {
            Result result = edits.notes(caller, id);
            return result instanceof TicketEditor.NotesFound found
                    ? responses.ok(new NotesView(id.value(), found.notes().stream().map(NoteView::of).toList()))
                    : refused(request, result);
        });
    }

    /** An agent's change to the ticket the path names: 401 without a caller, 404 for what is no ticket id. */
    private HttpApiResponse onTicket(HttpApiRequest request, BiFunction<String, TicketId, HttpApiResponse> route) {
        return paths.asCaller(request, route);
    }

    private HttpApiResponse ticketAnswer(HttpApiRequest request, Result result) {
        return result instanceof TicketEditor.Edited edited
                ? responses.ok(TicketView.of(reads.reading(edited.ticket())))
                : refused(request, result);
    }

    private HttpApiResponse refused(HttpApiRequest request, Result result) {
        if (result instanceof TicketEditor.NotAnAgent notAnAgent) {
            return responses.error(403, "not_an_agent", notAnAgent.email() + " is not an agent of this desk");
        }
        if (result instanceof TicketEditor.TicketClosed) {
            return responses.error(409, "ticket_closed", "ticket " + request.path("id").orElse("") + " is closed");
        }
        if (result instanceof TicketEditor.UnknownAgent unknown) {
            return responses.error(400, "unknown_agent", unknown.field() + ": " + unknown.email()
                    + " is not an agent of this desk");
        }
        if (result instanceof TicketEditor.UnknownDepartment unknown) {
            return responses.error(400, "unknown_department", "department: " + unknown.id()
                    + " is not a department of this desk");
        }
        if (result instanceof TicketEditor.TooManyTags tooMany) {
            return responses.error(409, "too_many_tags", "tags: a ticket carries at most " + Tags.MAX_PER_TICKET
                    + " tags, and this would leave it with " + tooMany.count());
        }
        if (result instanceof TicketEditor.UnknownContact) {
            return contactPaths.unknownContact(request);
        }
        return unknownTicket(request);
    }

    private HttpApiResponse unknownTicket(HttpApiRequest request) {
        return paths.unknownTicket(request);
    }

    /** An internal note: read by agents, never sent to the customer. */
    @RegisterForReflection
    public record NoteView(String id, String ticketId, Instant at, String by, String text) {
        static NoteView of(StoredNote note) {
            return new NoteView(note.id(), note.ticket().value(), note.note().at(), note.note().by(), note.note().text());
        }
    }

    @RegisterForReflection
    public record NotesView(String ticketId, List<NoteView> notes) {
    }
}
