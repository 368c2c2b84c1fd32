package io.janela.support;

import io.janela.config.JanelaConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * {@link JanelaConfig} outside Quarkus: the mapping's own defaults, Quarkus's duration format
 * ({@code 40S}), and the overrides a test names.
 */
public final class TestSettings {

    private TestSettings() {
    }

    public static JanelaConfig janela(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .withMapping(JanelaConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(overrides)
                .build()
                .getConfigMapping(JanelaConfig.class);
    }

    /** {@link JanelaConfig} from environment variables alone, as a Lambda function reads them. */
    public static JanelaConfig janelaFromEnvironment(Map<String, String> variables) {
        return new SmallRyeConfigBuilder()
                .withMapping(JanelaConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(variables, EnvConfigSource.ORDINAL))
                .build()
                .getConfigMapping(JanelaConfig.class);
    }
}
