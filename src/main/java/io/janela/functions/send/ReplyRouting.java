package io.janela.functions.send;

import io.janela.domain.routing.ReplyRoute;
import io.janela.functions.http.JsonBody;
import java.util.Optional;

/** A send's optional {@code replyRouting}: exactly one of {@code agent}, {@code department}, {@code flow}. */
final class ReplyRouting {

    private ReplyRouting() {
    }

    static Optional<ReplyRoute> of(JsonBody body) {
        return body.optionalObject("replyRouting").map(routing -> {
            String kind = routing.oneOf("agent", "department", "flow");
            return ReplyRoute.of(kind, routing.text(kind));
        });
    }
}
