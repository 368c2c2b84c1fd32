package io.janela.functions.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.desk.DeskReads;
import io.janela.application.desk.TicketEditStore.ContactFlags;
import io.janela.application.desk.TicketEditStore.DefaultAgent;
import io.janela.application.desk.TicketEditor;
import io.janela.application.desk.TicketEditor.FlagsCommand;
import io.janela.domain.contact.ContactKey;
import io.janela.functions.desk.DeskViews.ContactView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * A contact as the desk reads and flags it, at {@code /numbers/{phoneNumberId}/contacts/{ref}}:
 * who it is, its window, its open ticket, its flags and its reply rule.
 */
@ApplicationScoped
public class ContactRoutes {

    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;
    @Inject
    DeskReads reads;
    @Inject
    TicketEditor edits;
    @Inject
    ContactPaths paths;
    @Inject
    Clock clock;

    public HttpApiResponse contact(HttpApiRequest request) {
        return paths.contact(request).map(contact -> view(request, contact)).orElseGet(() -> paths.unknownContact(request));
    }

    /** Any of blocked, broadcastOptOut, defaultAgent; an agent's change, answered with the contact as saved. */
    public HttpApiResponse putContact(HttpApiRequest request) {
        return responses.asCaller(request, caller -> putContact(request, caller));
    }

    private HttpApiResponse putContact(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        Optional<ContactKey> found = paths.contact(request);
        if (found.isEmpty()) {
            return paths.unknownContact(request);
        }
        Optional<DefaultAgent> defaultAgent = body.present("defaultAgent")
                ? Optional.of(new DefaultAgent(body.optionalText("defaultAgent")
                        .map(email -> TicketEditor.checkedEmail("defaultAgent", email))))
                : Optional.empty();
        TicketEditor.Result result = edits.setFlags(new FlagsCommand(caller, found.get(), new ContactFlags(
                body.optionalBoolean("blocked"), body.optionalBoolean("broadcastOptOut"), defaultAgent)));
        return result instanceof TicketEditor.ContactSaved
                ? view(request, found.get())
                : responses.refused(DeskRefusals.of(request, result));
    }

    private HttpApiResponse view(HttpApiRequest request, ContactKey contact) {
        return reads.contact(contact)
                .map(reading -> responses.ok(ContactView.of(reading, reads.openTicketOf(reading), clock.instant())))
                .orElseGet(() -> paths.unknownContact(request));
    }
}
