package io.janela.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Meta's media download, played offline: {@code GET /{version}/{media-id}} answers the metadata of
 * one sample file (Meta's shape, its url under the sandbox), and a GET of that url answers the file.
 * Both want the sandbox token, as at Meta; any other media id is unknown, in Meta's words.
 */
final class SandboxMedia {

    /** The sample's media id, as an inbound image message would name it. */
    static final String SAMPLE_MEDIA_ID = "1037543291543636";
    static final String SAMPLE_MIME_TYPE = "image/png";
    /** Where the sandbox serves a file, under its base path; Meta's urls are on lookaside.fbsbx.com. */
    static final String DOWNLOAD_PATH = "media/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, byte[]> files = Map.of(SAMPLE_MEDIA_ID, samplePng());

    /** {@code GET /{version}/{mediaId}}: where to download it from, on the host the caller reached. */
    HttpApiResponse metadata(HttpApiRequest request, String mediaId) {
        byte[] file = file(mediaId);
        ObjectNode answer = JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("url", "http://" + request.header("host").orElse("localhost") + MetaSandbox.BASE_PATH + "/"
                        + DOWNLOAD_PATH + mediaId)
                .put("mime_type", SAMPLE_MIME_TYPE)
                .put("sha256", sha256(file))
                .put("file_size", file.length)
                .put("id", mediaId);
        return HttpApiResponse.json(200, answer.toString());
    }

    /** {@code GET /media/{mediaId}} under the sandbox: the file itself. */
    HttpApiResponse download(String mediaId) {
        return HttpApiResponse.file(SAMPLE_MIME_TYPE, file(mediaId));
    }

    private byte[] file(String mediaId) {
        byte[] file = files.get(mediaId);
        if (file == null) {
            throw GraphError.unknownObject(mediaId);
        }
        return file;
    }

    /** A 16x16 PNG in Janela's colours, drawn here so the sandbox ships no binary file. */
    private static byte[] samplePng() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                image.setRGB(x, y, (x < 8) == (y < 8) ? new Color(0x25D366).getRGB() : Color.WHITE.getRGB());
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
