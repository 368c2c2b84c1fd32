package io.janela.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.aws.SecretsManagerMetaCredentials;
import io.janela.application.outbound.MetaCredentials;
import io.janela.snapstart.RestorableCredentials;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Where Meta's credentials come from: the Secrets Manager secret {@code janela.meta.secret-id}
 * names (in AWS), or else the plain settings (local mode, tests). Built at start-up, so a secret
 * that cannot be read stops the start with a sentence rather than failing every request; without
 * a secret no AWS client is built at all.
 */
public class MetaCredentialsProducer {

    @Produces
    @Singleton
    @Startup
    MetaCredentials metaCredentials(JanelaConfig config, Clock clock, ObjectMapper json, RestorableCredentials aws) {
        JanelaConfig.Meta meta = config.meta();
        return meta.secretId()
                .filter(id -> !id.isBlank())
                .<MetaCredentials>map(id -> SecretsManagerMetaCredentials.read(SecretsManagerMetaCredentials.clientFromEnvironment(aws),
                        id.strip(), meta.secretRefresh(), clock, json))
                .orElseGet(() -> ConfiguredMetaCredentials.of(meta));
    }
}
