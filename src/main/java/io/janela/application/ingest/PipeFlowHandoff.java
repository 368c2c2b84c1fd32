package io.janela.application.ingest;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** In AWS the stored message is the handoff: the FlowHandoff pipe reads its insert from the contacts table's stream. */
@DefaultBean
@ApplicationScoped
public class PipeFlowHandoff implements FlowHandoff {

    @Override
    public void handedOver(FlowMessage message) {
        // the IN# item's insert reaches the event bus through the contacts table's stream
    }
}
