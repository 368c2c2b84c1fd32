package io.janela.functions.desk;

import io.janela.application.desk.ConversationStore.Order;
import io.janela.application.desk.ConversationStore.Paging;
import io.janela.application.desk.Conversations;
import io.janela.domain.contact.ContactKey;
import io.janela.functions.desk.ConversationViews.MessagePageView;
import io.janela.functions.desk.ConversationViews.MessageView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * A conversation as agents read it: a ticket's messages ({@code GET /tickets/{id}/messages}), a
 * contact's history across tickets ({@code GET /numbers/{phoneNumberId}/contacts/{ref}/messages}),
 * both in cursor pages ({@code limit} 1 to 100, default 50; {@code cursor}; {@code order} newest or
 * oldest, default newest), and one outbound message with its statuses ({@code GET /messages/{id}}).
 * Each needs a caller (401) who is an agent (403).
 */
@ApplicationScoped
public class ConversationRoutes {


    @Inject
    JsonResponses responses;
    @Inject
    Conversations conversations;
    @Inject
    TicketPaths tickets;
    @Inject
    ContactPaths contacts;

    public HttpApiResponse ticketMessages(HttpApiRequest request) {
        return responses.asCaller(request, caller -> {
            Paging paging = paging(request);
            return TicketPaths.ticketId(request)
                    .flatMap(id -> conversations.ofTicket(caller, id, paging))
                    .map(page -> responses.ok(MessagePageView.of(page)))
                    .orElseGet(() -> tickets.unknownTicket(request));
        });
    }

    public HttpApiResponse contactMessages(HttpApiRequest request) {
        return responses.asCaller(request, caller -> {
            Paging paging = paging(request);
            Optional<ContactKey> contact = contacts.contact(request);
            return contact.map(key -> responses.ok(MessagePageView.of(conversations.ofContact(caller, key, paging))))
                    .orElseGet(() -> contacts.unknownContact(request));
        });
    }

    public HttpApiResponse message(HttpApiRequest request) {
        return responses.asCaller(request, caller -> {
            String id = request.path("id").orElse("");
            return conversations.message(caller, id)
                    .map(message -> responses.ok(MessageView.of(message)))
                    .orElseGet(() -> responses.refused(HttpRefusal.unknownMessage(id)));
        });
    }

    /**
     * Unknown parameters and an over-long cursor never reach here: the route's description in
     * infra/openapi.yaml refuses them; the cursor's store reads what it holds.
     */
    private static Paging paging(HttpApiRequest request) {
        Order order = request.query("order").map(ConversationRoutes::order).orElse(Order.NEWEST);
        int limit = request.query("limit").map(ConversationRoutes::limit).orElse(Paging.DEFAULT_LIMIT);
        return new Paging(order, limit, request.query("cursor"));
    }

    private static Order order(String value) {
        return switch (value) {
            case "newest" -> Order.NEWEST;
            case "oldest" -> Order.OLDEST;
            default -> throw new IllegalArgumentException("order must be newest or oldest");
        };
    }

    private static int limit(String value) {
        try {
            return new Paging(Order.NEWEST, Integer.parseInt(value.strip()), Optional.empty()).limit();
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("limit must be a whole number between 1 and " + Paging.MAX_LIMIT);
        }
    }
}
