package io.janela.domain.message;

/** An error Meta attached to a failed message, kept whole so the desk can show why. */
public record MetaError(int code, String title, String message, String details) {
}
