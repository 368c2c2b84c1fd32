package io.janela.functions.send;

import io.janela.application.media.MediaDownloads;
import io.janela.application.media.MediaSource.Fetched;
import io.janela.application.media.MediaSource.MediaFetch;
import io.janela.application.media.MediaSource.MetaFailed;
import io.janela.application.media.MediaSource.TokenRefused;
import io.janela.application.media.MediaSource.TooLarge;
import io.janela.application.media.MediaSource.UnknownMedia;
import io.janela.application.media.MediaSource.Unreachable;
import io.janela.domain.message.MetaError;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code GET /media/{mediaId}}: a customer's media file, fetched from Meta with the desk's token and
 * answered as the file itself (its type as Meta gave it), so a page can show the customer's photo.
 */
@ApplicationScoped
public class MediaRoute {

    @Inject
    MediaDownloads media;
    @Inject
    JsonResponses responses;

    public HttpApiResponse fetch(HttpApiRequest request, String caller) {
        String mediaId = MediaDownloads.checkedMediaId(request.path("mediaId").orElse(""));
        MediaFetch fetch = media.fetch(caller, mediaId);
        if (fetch instanceof Fetched file) {
            return HttpApiResponse.file(file.mimeType(), file.bytes());
        }
        return responses.refused(refusal(mediaId, fetch));
    }

    private static HttpRefusal refusal(String mediaId, MediaFetch fetch) {
        if (fetch instanceof UnknownMedia) {
            return HttpRefusal.unknownMedia(mediaId);
        }
        if (fetch instanceof TooLarge tooLarge) {
            return HttpRefusal.mediaTooLarge(mediaId, tooLarge.size(), tooLarge.maxBytes());
        }
        if (fetch instanceof TokenRefused refused) {
            return HttpRefusal.metaTokenRefused(metaSays(refused.error()));
        }
        if (fetch instanceof MetaFailed failed) {
            return HttpRefusal.metaFailed(failed.transientError(), metaSays(failed.error()));
        }
        return HttpRefusal.metaUnreachable(((Unreachable) fetch).reason());
    }

    private static String metaSays(MetaError error) {
        return error.code() + (error.message() == null ? "" : ": " + error.message());
    }
}
