package io.janela.application.media;

/**
 * How large a media file the desk relays ({@code janela.media.max-bytes}): the file goes back whole,
 * base64 in one Lambda response, so the bound keeps it inside Lambda's response limit.
 */
public record MediaSettings(long maxBytes) {

    public MediaSettings {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("janela.media.max-bytes must be at least 1, got " + maxBytes);
        }
    }
}
