package io.janela.adapters.meta;

import java.io.IOException;

/**
 * Meta's Graph API, as far as Janela uses it. The answer is the raw status and body, because Meta's
 * errors carry the facts the caller acts on, and not every failing answer is Meta's JSON.
 */
@FunctionalInterface
public interface GraphApi {

    record Answer(int status, String body) {
    }

    /**
     * {@code POST /{version}/{phoneNumberId}/messages}; {@code authorization} is {@code Bearer <token>},
     * or null to send no header at all. Throws {@link java.net.ConnectException} (or
     * {@link java.net.http.HttpConnectTimeoutException}) when no connection was made, and another
     * {@link IOException} when the request may have left.
     */
    Answer sendMessage(String version, String phoneNumberId, String authorization, byte[] message) throws IOException;
}
