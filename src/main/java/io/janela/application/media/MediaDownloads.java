package io.janela.application.media;

import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.NotAnAgent;
import io.janela.application.media.MediaSource.MediaFetch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/**
 * A customer's media file, fetched from Meta for an agent so a page can show it. Only the desk's
 * agents may ask (the file is a customer's), and only within the size bound.
 */
@ApplicationScoped
public class MediaDownloads {

    /** Meta's media ids are digits; 32 leaves room above today's 15 to 17. */
    public static final int MEDIA_ID_MAX_LENGTH = 32;
    private static final Pattern MEDIA_ID = Pattern.compile("[0-9]{1," + MEDIA_ID_MAX_LENGTH + "}");

    private final Agents agents;
    private final MediaSource source;
    private final MediaSettings settings;

    @Inject
    public MediaDownloads(DirectoryStore directory, MediaSource source, MediaSettings settings) {
        this.agents = new Agents(directory);
        this.source = source;
        this.settings = settings;
    }

    /** Refused with {@link NotAnAgent} before Meta is asked; a malformed id with {@link IllegalArgumentException}. */
    public MediaFetch fetch(String actorEmail, String mediaId) {
        agents.acting(actorEmail);
        return source.fetch(checkedMediaId(mediaId), settings.maxBytes());
    }

    public static String checkedMediaId(String mediaId) {
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            throw new IllegalArgumentException("mediaId must be Meta's media id: 1 to " + MEDIA_ID_MAX_LENGTH + " digits");
        }
        return mediaId;
    }
}
