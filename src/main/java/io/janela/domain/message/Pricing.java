package io.janela.domain.message;

/** How Meta priced a delivered message ({@code pricing} on a status). */
public record Pricing(String model, String type, String category, Boolean billable) {
}
