package io.janela.application.outbound;

import java.util.Optional;

/**
 * Meta's three credentials as they stand now: the app secret that signs the webhook's POSTs, the
 * token of its subscription handshake, and the Graph API's bearer token. Each is empty while it is
 * not configured. Ask for a value each time it is used, never keep it: the source may have a newer
 * one (a rotated access token).
 */
public interface MetaCredentials {

    Optional<String> appSecret();

    Optional<String> verifyToken();

    Optional<String> accessToken();

    /**
     * The Graph API refused {@code refused} (HTTP 401, Meta's code 190): a different token, if the
     * source holds one now. Empty when there is nothing else to try.
     */
    Optional<String> renewedAccessToken(String refused);
}
