package io.janela.functions.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.campaign.Campaigns;
import io.janela.domain.campaign.Audience;
import io.janela.domain.routing.ReplyRoute;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.send.SendViews.CampaignView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A campaign, one template to many customers: created by {@code POST /campaigns} (an audience as
 * JSON rows or CSV, an {@code Idempotency-Key} to retry safely) and followed by
 * {@code GET /campaigns/{id}} (its counts and a page of its rows: {@code after}, {@code limit}).
 */
@ApplicationScoped
public class CampaignRoutes {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    @Inject
    Campaigns campaigns;
    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;

    public HttpApiResponse create(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        JsonBody template = body.object("template");
        Optional<ReplyRoute> route = ReplyRouting.of(body);
        String source = body.oneOf("audience", "audienceCsv");
        IntFunction<Audience> audience = source.equals("audienceCsv")
                ? parameters -> Audience.fromCsv(body.text("audienceCsv"), parameters)
                : parameters -> Audience.of(entries(body.objects("audience")), parameters);
        Campaigns.CreateResult result = campaigns.create(new Campaigns.CreateCommand(caller, body.text("phoneNumberId"),
                template.text("name"), template.text("language"), route, audience, request.header("idempotency-key")));
        if (result instanceof Campaigns.Created created) {
            return responses.of(created.alreadyExisted() ? 200 : 202, CampaignView.of(created.campaign(), List.of(), null));
        }
        return responses.refused(HttpRefusal.of(((Campaigns.Refused) result).refusal()));
    }

    /** Each entry names its recipient by exactly one of {@code waId} and {@code userId}; a bad one is a skipped row. */
    private static List<Audience.Entry> entries(List<JsonBody> rows) {
        return rows.stream().map(row -> row.oneOf("waId", "userId").equals("waId")
                ? Audience.Entry.phone(row.text("waId"), row.optionalTexts("parameters"))
                : Audience.Entry.userId(row.text("userId"), row.optionalTexts("parameters"))).toList();
    }

    public HttpApiResponse campaign(HttpApiRequest request) {
        String id = request.path("id").orElse("");
        int after = request.query("after").map(value -> number("after", value, 0, Integer.MAX_VALUE)).orElse(0);
        int limit = request.query("limit").map(value -> number("limit", value, 1, MAX_PAGE)).orElse(DEFAULT_PAGE);
        if (!id.matches("[a-z0-9]{1,64}")) {
            return responses.refused(HttpRefusal.unknownCampaign(id));
        }
        return campaigns.report(id, after, limit)
                .map(report -> responses.ok(CampaignView.of(report)))
                .orElseGet(() -> responses.refused(HttpRefusal.unknownCampaign(id)));
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
}
