package io.janela.application.media;

import io.janela.domain.message.MetaError;

/**
 * Where inbound media is fetched from: Meta's two-step download (the media id's metadata, then its
 * file), with the desk's token. A file larger than {@code maxBytes} is never read whole.
 */
public interface MediaSource {

    MediaFetch fetch(String mediaId, long maxBytes);

    sealed interface MediaFetch {
    }

    /** The file, its bytes exactly as Meta served them. */
    record Fetched(byte[] bytes, String mimeType) implements MediaFetch {
    }

    /** Meta knows no media by that id (or no longer: Meta keeps inbound media for a limited time). */
    record UnknownMedia() implements MediaFetch {
    }

    /** Larger than the bound: {@code size} is Meta's {@code file_size}, or the bytes counted before giving up. */
    record TooLarge(long size, long maxBytes) implements MediaFetch {
    }

    /** Meta refused the desk's access token (HTTP 401, code 190), even a renewed one. */
    record TokenRefused(MetaError error) implements MediaFetch {
    }

    /** Meta answered with another error; {@code transientError} when it is worth trying again later. */
    record MetaFailed(int httpStatus, MetaError error, boolean transientError) implements MediaFetch {
    }

    /** No answer from Meta (refused connection, timeout). */
    record Unreachable(String reason) implements MediaFetch {
    }
}
