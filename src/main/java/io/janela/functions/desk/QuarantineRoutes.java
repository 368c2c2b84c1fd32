package io.janela.functions.desk;

import io.janela.application.LogText;
import io.janela.application.ingest.QuarantineStore;
import io.janela.application.ingest.Quarantined;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonResponses;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The webhook updates Janela could never apply, for an administrator: {@code GET /quarantine}
 * (newest day first, {@code limit} 1 to 100, {@code cursor}) and {@code DELETE /quarantine/{id}} once
 * seen to.
 */
@ApplicationScoped
public class QuarantineRoutes {

    private static final Logger LOG = Logger.getLogger(QuarantineRoutes.class);
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 100;

    @Inject
    JsonResponses responses;
    @Inject
    QuarantineStore quarantine;
    @Inject
    Administrators administrators;

    public HttpApiResponse list(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> {
            int limit = request.query("limit").map(QuarantineRoutes::limit).orElse(DEFAULT_LIMIT);
            QuarantineStore.Page page = quarantine.list(limit, request.query("cursor"));
            return responses.ok(new QuarantinePageView(page.items().stream().map(QuarantinedView::of).toList(),
                    page.cursor().orElse(null)));
        });
    }

    public HttpApiResponse delete(HttpApiRequest request) {
        return administrators.asAdministrator(request, caller -> {
            String id = request.path("id").orElse("");
            if (!quarantine.delete(id)) {
                return responses.refused(HttpRefusal.unknownQuarantined(id));
            }
            LOG.infof("event=quarantined_deleted id=%s by=%s", LogText.of(id), LogText.of(caller));
            return HttpApiResponse.text(204, "");
        });
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new IllegalArgumentException("limit must be a whole number between 1 and " + MAX_LIMIT);
    }

    /**
     * A quarantined update: where it was in Meta's POST, what it was, why it could not be applied, and its
     * JSON with long strings cut (the original's size and SHA-256 beside it).
     */
    @RegisterForReflection
    public record QuarantinedView(String id, Instant receivedAt, String phoneNumberId, String path, String kind,
            String reason, long bytes, String sha256, String excerpt) {
        static QuarantinedView of(QuarantineStore.Kept kept) {
            Quarantined item = kept.item();
            return new QuarantinedView(kept.id(), item.receivedAt(), item.phoneNumberId().orElse(null), item.path(),
                    item.kind(), item.reason(), item.bytes(), item.sha256(), item.excerpt());
        }
    }

    @RegisterForReflection
    public record QuarantinePageView(List<QuarantinedView> items, String cursor) {
    }
}
