package io.janela.adapters.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.MetaCredentials;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.outbound.OutboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Sends through Meta's Graph API, retried and renewed as {@link GraphExchange} says. */
@ApplicationScoped
public class GraphApiSender implements MessageSender {

    private final GraphApi graph;
    private final ObjectMapper json;
    private final String apiVersion;
    private final GraphExchange exchange;

    @Inject
    public GraphApiSender(@RestClient GraphApi graph, MetaCredentials credentials, JanelaConfig config, ObjectMapper json) {
        this(graph, credentials, config.meta(), json);
    }

    GraphApiSender(GraphApi graph, MetaCredentials credentials, JanelaConfig.Meta meta, ObjectMapper json) {
        this.graph = graph;
        this.json = json;
        this.apiVersion = meta.apiVersion();
        this.exchange = new GraphExchange(credentials, meta, json);
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        GraphMessageRequest request = GraphMessageRequest.of(message);
        ContactKey to = message.to();
        return exchange.exchange(to, request.type(),
                authorization -> graph.sendMessage(apiVersion, to.phoneNumberId(), authorization, request),
                this::accepted);
    }

    private SendOutcome accepted(int status, String body) {
        // Meta took something without naming it: sending again could deliver it twice
        return GraphAnswers.parse(json, body, GraphMessageResponse.class)
                .flatMap(GraphMessageResponse::wamid)
                .<SendOutcome>map(Accepted::new)
                .orElseGet(() -> new Unreachable("Meta answered HTTP " + status + " without a message id", true));
    }
}
