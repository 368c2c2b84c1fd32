package io.janela.support;

import io.janela.application.outbound.MessageSender;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta as far as a campaign sees it: every message handed over is recorded, and answered
 * {@code wamid.<n>} unless the test said to refuse that recipient or to die.
 */
public final class RecordingSender implements MessageSender {

    /** What Meta was handed, and the wamid it answered with (empty when it refused or the call died). */
    public record Handed(OutboundMessage message, Optional<String> wamid) {
    }

    private final List<Handed> sent = new ArrayList<>();
    private final Map<String, MetaError> refusals = new ConcurrentHashMap<>();
    private volatile int dieAfter = Integer.MAX_VALUE;
    private volatile Function<OutboundMessage, SendOutcome> answer = message -> null;

    /** Meta answers each message by this rule; a null answer means accepted. */
    public RecordingSender answer(Function<OutboundMessage, SendOutcome> rule) {
        this.answer = rule;
        return this;
    }

    /** Meta refuses every send to {@code waId} (a phone number or a BSUID) with {@code code}, as the Graph API answers a 400. */
    public RecordingSender refuse(String waId, int code, String message) {
        refusals.put(waId, new MetaError(code, "OAuthException", message, message));
        return this;
    }

    /**
     * After {@code sends} more sends, the invocation dies: Meta takes the next message, but the
     * answer never reaches the driver (the call throws), nor does any later one.
     */
    public RecordingSender dieAfter(int sends) {
        dieAfter = messages().size() + sends;
        return this;
    }

    /** A new invocation: the process that died is gone. */
    public RecordingSender revive() {
        dieAfter = Integer.MAX_VALUE;
        return this;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        synchronized (sent) {
            if (sent.size() >= dieAfter) {
                sent.add(new Handed(message, Optional.empty()));
                throw new IllegalStateException("the invocation died waiting for Meta's answer");
            }
            SendOutcome ruled = answer.apply(message);
            if (ruled != null) {
                sent.add(new Handed(message, ruled instanceof Accepted accepted ? Optional.of(accepted.wamid()) : Optional.empty()));
                return ruled;
            }
            MetaError refusal = refusals.get(message.address().value());
            if (refusal != null) {
                sent.add(new Handed(message, Optional.empty()));
                return new Rejected(400, refusal, false);
            }
            String wamid = "wamid." + (sent.size() + 1);
            sent.add(new Handed(message, Optional.of(wamid)));
            return new Accepted(wamid);
        }
    }

    public List<Handed> handed() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public List<OutboundMessage> messages() {
        return handed().stream().map(Handed::message).toList();
    }

    /** The phone number or BSUID each message went to, in order. */
    public List<String> recipients() {
        return messages().stream().map(message -> message.address().value()).toList();
    }
}
