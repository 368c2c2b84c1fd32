package io.janela.config;

import io.janela.application.outbound.MetaCredentials;
import java.util.Optional;

/**
 * The credentials as plain settings ({@code janela.meta.app-secret}, {@code verify-token},
 * {@code access-token}): local mode and tests, where no secret is named. They never change while
 * the process runs, so a refused token has no successor.
 */
public record ConfiguredMetaCredentials(Optional<String> appSecret, Optional<String> verifyToken,
        Optional<String> accessToken) implements MetaCredentials {

    public ConfiguredMetaCredentials {
        appSecret = appSecret.filter(value -> !value.isBlank());
        verifyToken = verifyToken.filter(value -> !value.isBlank());
        accessToken = accessToken.filter(value -> !value.isBlank());
    }

    public static ConfiguredMetaCredentials of(JanelaConfig.Meta meta) {
        return new ConfiguredMetaCredentials(meta.appSecret(), meta.verifyToken(), meta.accessToken());
    }

    @Override
    public Optional<String> renewedAccessToken(String refused) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ConfiguredMetaCredentials[values hidden]";
    }
}
