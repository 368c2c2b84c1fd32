package io.janela.functions.webhook;

/** The body is not a notification Janela can apply; the message names the offending field. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message);
    }
}
