package io.janela.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The sweep Lambda as SAM configures it, with a closing message and a nudge. Tickets close
 * 23h40m after the customer's last message, ten minutes after they start to show EXPIRING, so
 * one run has tickets to close and tickets to mark.
 */
public class SweepProfile implements QuarkusTestProfile {

    static final String CLOSING_MESSAGE = "Vamos encerrar este atendimento. Se precisar, é só escrever de novo!";
    static final String NUDGE = "Ainda está por aí? Responda para continuarmos o atendimento.";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.funqy.export", "sweep",
                "janela.sweep.close-after", "23H40M",
                "janela.sweep.closing-message", CLOSING_MESSAGE,
                "janela.sweep.expiring-nudge", NUDGE);
    }
}
