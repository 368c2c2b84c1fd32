package io.janela.functions.desk;

import io.janela.application.desk.TicketList;
import io.janela.domain.desk.TicketListing;
import io.janela.domain.desk.Tags;
import io.janela.domain.team.Agent;
import io.janela.domain.team.Department;
import io.janela.functions.desk.DeskViews.TicketPageView;
import io.janela.functions.desk.DeskViews.TicketView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /tickets}: the desk's ticket list. Query parameters {@code view} (all, open, mine,
 * in-service; default open), {@code department}, {@code agent}, {@code tag}, {@code order} (recent,
 * oldest, opened-recent, opened-oldest; default recent), {@code q}, {@code limit} (1 to 100, default
 * 25) and {@code cursor} (the previous page's). A bad value is a 400 naming its parameter (an
 * unknown parameter is refused before, by {@link io.janela.functions.http.ApiDescription}).
 */
@ApplicationScoped
public class TicketListRoute {

    @Inject
    JsonResponses responses;
    @Inject
    TicketList tickets;

    /** Lists that are the caller's own ({@code mine}, {@code open}) need a caller (401) who is an agent (403). */
    public HttpApiResponse list(HttpApiRequest request) {
        TicketListing listing = listing(request);
        Optional<String> cursor = request.query("cursor");
        if (!TicketList.isTheCallers(listing.view())) {
            return page(tickets.list(Optional.empty(), listing, cursor));
        }
        return responses.asCaller(request, "view=" + TicketListing.spelling(listing.view()) + " is the caller's own",
                caller -> page(tickets.list(Optional.of(caller), listing, cursor)));
    }

    private HttpApiResponse page(TicketList.Page page) {
        return responses.ok(new TicketPageView(page.rows().stream().map(TicketView::of).toList(), page.cursor().orElse(null)));
    }

    private static TicketListing listing(HttpApiRequest request) {
        return new TicketListing(
                parameter(request, "view", TicketListing::view).orElse(TicketListing.View.OPEN),
                parameter(request, "department", Department::checkedId),
                parameter(request, "agent", Agent::checkedEmail),
                parameter(request, "tag", Tags::checked),
                parameter(request, "order", TicketListing::order).orElse(TicketListing.Order.RECENT),
                request.query("q"),
                parameter(request, "limit", TicketListRoute::limit).orElse(TicketListing.DEFAULT_LIMIT));
    }

    /** A parameter's value, checked; a bad one is refused with the parameter's name in front. */
    private static <T> Optional<T> parameter(HttpApiRequest request, String name, Function<String, T> parse) {
        return request.query(name).map(value -> {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException bad) {
                String message = bad.getMessage();
                throw new IllegalArgumentException(message.startsWith(name) ? message : name + ": " + message);
            }
        });
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("limit must be a whole number between 1 and " + TicketListing.MAX_LIMIT);
        }
    }
}
