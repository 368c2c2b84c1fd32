package io.janela.domain.template;

import java.time.Instant;

/** Meta's review of a message template changed (approved, paused, disabled, ...). */
public record TemplateStatusChange(String name, String language, String status, String reason, Instant at) {
}
