package io.janela.adapters.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.application.outbound.MessageSender.Unreachable;
import io.janela.application.outbound.MetaCredentials;
import io.janela.application.outbound.ReadReceiptSender;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Read receipts through Meta's Graph API, sent, retried and renewed like a message; Meta answers {@code {"success":true}}. */
@ApplicationScoped
public class GraphReadReceiptSender implements ReadReceiptSender {

    private final GraphReadApi graph;
    private final ObjectMapper json;
    private final String apiVersion;
    private final GraphExchange exchange;

    @Inject
    public GraphReadReceiptSender(@RestClient GraphReadApi graph, MetaCredentials credentials, JanelaConfig config,
            ObjectMapper json) {
        this.graph = graph;
        this.json = json;
        this.apiVersion = config.meta().apiVersion();
        this.exchange = new GraphExchange(credentials, config.meta(), json);
    }

    @Override
    public SendOutcome markRead(ContactKey contact, String wamid, boolean typing) {
        GraphReadRequest request = GraphReadRequest.of(wamid, typing);
        return exchange.exchange(contact, typing ? "read_typing" : "read",
                authorization -> graph.markRead(apiVersion, contact.phoneNumberId(), authorization, request),
                (status, body) -> marked(status, body, wamid));
    }

    private SendOutcome marked(int status, String body, String wamid) {
        return GraphAnswers.parse(json, body, GraphSuccessResponse.class)
                .filter(GraphSuccessResponse::succeeded)
                .<SendOutcome>map(success -> new Accepted(wamid))
                .orElseGet(() -> new Unreachable("Meta answered HTTP " + status + " without success", true));
    }
}
