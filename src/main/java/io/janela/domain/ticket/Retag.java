package io.janela.domain.ticket;

import io.janela.domain.desk.Tags;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** What an edit of a ticket's tags gives: the new set, or more tags than a ticket carries. */
public sealed interface Retag {

    record Tagged(Set<String> tags) implements Retag {
        public Tagged {
            tags = Collections.unmodifiableSet(new TreeSet<>(tags));
        }
    }

    /** The ticket would carry {@code count} tags, more than {@link Tags#MAX_PER_TICKET}. */
    record TooManyTags(int count) implements Retag {
    }
}
