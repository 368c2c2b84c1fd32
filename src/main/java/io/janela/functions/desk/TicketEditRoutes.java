package io.janela.functions.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.desk.DeskReads;
import io.janela.application.desk.TicketEditor;
import io.janela.application.desk.TicketEditor.AssignCommand;
import io.janela.application.desk.TicketEditor.NoteCommand;
import io.janela.application.desk.TicketEditor.Result;
import io.janela.application.desk.TicketEditor.TagCommand;
import io.janela.application.desk.TicketEditStore.StoredNote;
import io.janela.functions.desk.DeskViews.TicketView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The desk's changes to a ticket by hand: its agent or department, its tags and its internal notes.
 * Each needs a caller (401) who is an agent of the desk (403).
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
    TicketPaths paths;

    /** {@code POST /tickets/{id}/assign}: exactly one of agent, department. */
    public HttpApiResponse assign(HttpApiRequest request) {
        return paths.onTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parse(json, request.bodyBytes());
            TicketEditor.Target target = body.oneOf("agent", "department").equals("agent")
                    ? new TicketEditor.ToAgent(body.text("agent"))
                    : new TicketEditor.ToDepartment(body.text("department"));
            return ticketAnswer(request, edits.assign(new AssignCommand(caller, id, target)));
        });
    }

    /** {@code POST /tickets/{id}/tags}: {@code add} and {@code remove}, lists of tags. */
    public HttpApiResponse tag(HttpApiRequest request) {
        return paths.onTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parse(json, request.bodyBytes());
            return ticketAnswer(request, edits.tag(new TagCommand(caller, id, body.optionalTexts("add"),
                    body.optionalTexts("remove"))));
        });
    }

    /** {@code POST /tickets/{id}/notes}: {@code text}; answers 201 with the note. */
    public HttpApiResponse addNote(HttpApiRequest request) {
        return paths.onTicket(request, (caller, id) -> {
            JsonBody body = JsonBody.parse(json, request.bodyBytes());
            Result result = edits.addNote(new NoteCommand(caller, id, body.text("text")));
            return result instanceof TicketEditor.NoteAdded added
                    ? responses.of(201, NoteView.of(added.note()))
                    : refused(request, result);
        });
    }

    /** {@code GET /tickets/{id}/notes}: the ticket's notes, oldest first. */
    public HttpApiResponse notes(HttpApiRequest request) {
        return paths.onTicket(request, (caller, id) -> {
            Result result = edits.notes(caller, id);
            return result instanceof TicketEditor.NotesFound found
                    ? responses.ok(new NotesView(id.value(), found.notes().stream().map(NoteView::of).toList()))
                    : refused(request, result);
        });
    }

    private HttpApiResponse ticketAnswer(HttpApiRequest request, Result result) {
        return result instanceof TicketEditor.Edited edited
                ? responses.ok(TicketView.of(reads.reading(edited.ticket())))
                : refused(request, result);
    }

    private HttpApiResponse refused(HttpApiRequest request, Result result) {
        return responses.refused(DeskRefusals.of(request, result));
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
