package io.janela.application.ingest;

import java.util.List;
import java.util.Optional;

/** Where quarantined webhook updates are kept until an administrator has seen to them. */
public interface QuarantineStore {

    /** Keeps the update; a second delivery of the same update on the same day is kept once. */
    void keep(Quarantined item);

    /** One page, newest day first; {@code cursor} from the previous page. */
    record Page(List<Kept> items, Optional<String> cursor) {
    }

    /** A kept update and the id to delete it by. */
    record Kept(String id, Quarantined item) {
    }

    Page list(int limit, Optional<String> cursor);

    /** False when there was no such item. */
    boolean delete(String id);
}
