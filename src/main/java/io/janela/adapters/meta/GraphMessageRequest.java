package io.janela.adapters.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The body of {@code POST /{version}/{phone_number_id}/messages}, field for field as Meta names them.
 * A phone number goes in {@code to}; a business-scoped user id in {@code recipient} (Meta drops a
 * BSUID sent in {@code to}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphMessageRequest(
        @JsonProperty("messaging_product") String messagingProduct,
        @JsonProperty("recipient_type") String recipientType,
        String to,
        String recipient,
        String type,
        Text text,
        Template template,
        @JsonProperty("biz_opaque_callback_data") String callbackData) {

    private static final String WHATSAPP = "whatsapp";
    private static final String INDIVIDUAL = "individual";

    public static GraphMessageRequest of(OutboundMessage message) {
        String to = message.address() instanceof CustomerId.WaId phone ? phone.value() : null;
        String recipient = message.address() instanceof CustomerId.Bsuid user ? user.value() : null;
        String callbackData = message.callbackData().orElse(null);
        OutboundContent content = message.content();
        if (content instanceof OutboundContent.Text text) {
            return new GraphMessageRequest(WHATSAPP, INDIVIDUAL, to, recipient, "text", new Text(text.body()), null, callbackData);
        }
        if (content instanceof OutboundContent.Template template) {
            return new GraphMessageRequest(WHATSAPP, INDIVIDUAL, to, recipient, "template", null, Template.of(template),
                    callbackData);
        }
        throw new IllegalArgumentException("no Graph API shape for " + content.getClass().getSimpleName());
    }

    public record Text(String body) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Template(String name, Language language, List<Component> components) {

        /** Meta refuses an empty body component, so a template without parameters sends none. */
        static Template of(OutboundContent.Template template) {
            List<Component> components = template.parameters().isEmpty()
                    ? null
                    : List.of(Component.body(template.parameters()));
            return new Template(template.name(), new Language(template.language()), components);
        }
    }

    public record Language(String code) {
    }

    public record Component(String type, List<Parameter> parameters) {

        static Component body(List<String> values) {
            return new Component("body", values.stream().map(value -> new Parameter("text", value)).toList());
        }
    }

    public record Parameter(String type, String text) {
    }
}
