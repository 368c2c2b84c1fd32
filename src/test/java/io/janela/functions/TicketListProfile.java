package io.janela.functions;

import io.janela.support.MutableClockProducer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** The desk Lambda as SAM configures it, on a clock the test moves. */
public class TicketListProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "desk");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MutableClockProducer.class);
    }
}
