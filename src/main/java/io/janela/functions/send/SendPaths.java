package io.janela.functions.send;

import io.janela.functions.http.HttpApiRequest;
import java.util.TreeSet;

/** What the send routes read from a request's path and query. */
final class SendPaths {

    private SendPaths() {
    }

    /** A route that takes no query parameter says so, rather than ignore what the caller meant. */
    static void refuseQueryParameters(HttpApiRequest request) {
        if (!request.queryStringParameters().isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", new TreeSet<>(request.queryStringParameters().keySet()))
                    + ": not a parameter of " + request.routeKey() + " (it takes none)");
        }
    }
}
