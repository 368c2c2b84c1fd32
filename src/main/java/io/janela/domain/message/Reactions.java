package io.janela.domain.message;

import io.janela.domain.message.ConversationMessage.Reaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's reactions, shown on the messages they react to. A customer has one reaction per
 * message at most: a later one replaces it, an empty emoji (what Meta sends when a reaction is
 * taken back) removes it. A reaction whose message is not among {@code page} (an older page, or a
 * message Janela never had) stays in the page on its own.
 */
public final class Reactions {

    private Reactions() {
    }

    public static List<ConversationMessage> attach(List<ConversationMessage> page) {
        Map<String, ConversationMessage> byWamid = new HashMap<>();
        page.stream().filter(message -> !(message.content() instanceof MessageContent.Reaction))
                .forEach(message -> message.wamid().ifPresent(wamid -> byWamid.put(wamid, message)));
        Map<String, Optional<Reaction>> latest = new HashMap<>();
        List<ConversationMessage> attached = new ArrayList<>();
        page.stream()
                .filter(message -> message.content() instanceof MessageContent.Reaction reaction
                        && byWamid.containsKey(reaction.messageId()))
                .sorted(Comparator.comparing(ConversationMessage::at))
                .forEach(message -> {
                    MessageContent.Reaction reaction = (MessageContent.Reaction) message.content();
                    latest.put(reaction.messageId(), reaction.removes()
                            ? Optional.empty()
                            : Optional.of(new Reaction(message.id(), reaction.emoji(), message.at())));
                    attached.add(message);
                });
        return page.stream()
                .filter(message -> !attached.contains(message))
                .map(message -> message.wamid().map(latest::get).flatMap(reaction -> reaction)
                        .map(reaction -> message.withReactions(List.of(reaction)))
                        .orElse(message))
                .toList();
    }
}
