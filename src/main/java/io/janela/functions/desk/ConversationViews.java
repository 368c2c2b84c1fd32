package io.janela.functions.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.desk.ConversationStore.Page;
import io.janela.domain.message.ConversationMessage;
import io.janela.domain.message.Delivery;
import io.janela.domain.message.MessageAuthor;
import io.janela.domain.message.MessageContent;
import io.janela.domain.message.Pricing;
import io.janela.functions.send.SendViews.MetaErrorView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of a conversation's routes. Instants are ISO-8601; what a message lacks is null. */
public final class ConversationViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversationViews() {
    }

    @RegisterForReflection
    public record MessagePageView(List<MessageView> messages, String cursor) {
        static MessagePageView of(Page page) {
            return new MessagePageView(page.messages().stream().map(MessageView::of).toList(), page.cursor().orElse(null));
        }
    }

    /**
     * One message: {@code id} (the wamid of an inbound message, Janela's id of an outbound one),
     * {@code direction}, {@code at}, {@code kind} and its {@code content}, who it is {@code from};
     * for outbound its {@code status} with {@code statusAt}, every status with its time, Meta's
     * {@code errors} and {@code pricing}; the customer's {@code reactions} to it.
     */
    @RegisterForReflection
    public record MessageView(String id, String wamid, String direction, Instant at, String kind, FromView from,
            Object content, String status, Instant statusAt, List<StatusView> statuses, List<MetaErrorView> errors,
            PricingView pricing, List<ReactionView> reactions) {
        static MessageView of(ConversationMessage message) {
            Delivery delivery = message.delivery().orElse(null);
            return new MessageView(message.id(), message.wamid().orElse(null),
                    message.direction().name().toLowerCase(Locale.ROOT), message.at(), message.content().kind(),
                    FromView.of(message.from()), contentOf(message.content()),
                    delivery == null ? null : delivery.status().metaName(),
                    delivery == null ? null : delivery.statusAt().orElse(null),
                    delivery == null ? null : delivery.history().stream().map(StatusView::of).toList(),
                    delivery == null ? null : delivery.errors().stream().map(MetaErrorView::of).toList(),
                    delivery == null ? null : delivery.pricing().map(PricingView::of).orElse(null),
                    message.reactions().stream().map(ReactionView::of).toList());
        }
    }

    /** {@code kind}: customer, agent (with {@code agent}, their e-mail), campaign (with {@code campaign}), sweeper, unknown. */
    @RegisterForReflection
    public record FromView(String kind, String agent, String campaign) {
        static FromView of(MessageAuthor author) {
            if (author instanceof MessageAuthor.Agent agent) {
                return new FromView("agent", agent.email(), null);
            }
            if (author instanceof MessageAuthor.Campaign campaign) {
                return new FromView("campaign", null, campaign.id());
            }
            String kind = author instanceof MessageAuthor.Customer ? "customer"
                    : author instanceof MessageAuthor.Sweeper ? "sweeper" : "unknown";
            return new FromView(kind, null, null);
        }
    }

    @RegisterForReflection
    public record StatusView(String status, Instant at) {
        static StatusView of(Delivery.StatusTime time) {
            return new StatusView(time.status().metaName(), time.at());
        }
    }

    @RegisterForReflection
    public record PricingView(String model, String type, String category, Boolean billable) {
        static PricingView of(Pricing pricing) {
            return new PricingView(pricing.model(), pricing.type(), pricing.category(), pricing.billable());
        }
    }

    @RegisterForReflection
    public record ReactionView(String id, String emoji, Instant at) {
        static ReactionView of(ConversationMessage.Reaction reaction) {
            return new ReactionView(reaction.id(), reaction.emoji(), reaction.at());
        }
    }

    @RegisterForReflection
    public record TextView(String body) {
    }

    @RegisterForReflection
    public record MediaView(String mediaId, String mimeType, String caption, String filename) {
    }

    @RegisterForReflection
    public record LocationView(double latitude, double longitude, String name, String address) {
    }

    @RegisterForReflection
    public record ContactCardView(String name, List<String> phones) {
    }

    @RegisterForReflection
    public record ContactsView(List<ContactCardView> cards) {
    }

    @RegisterForReflection
    public record ReplyView(String reply, String id, String title) {
    }

    @RegisterForReflection
    public record ButtonView(String payload, String text) {
    }

    @RegisterForReflection
    public record ReactionContentView(String messageId, String emoji) {
    }

    @RegisterForReflection
    public record TemplateView(String name, String language, List<String> parameters) {
    }

    private static Object contentOf(MessageContent content) {
        if (content instanceof MessageContent.Text text) {
            return new TextView(text.body());
        }
        if (content instanceof MessageContent.Media media) {
            return new MediaView(media.mediaId(), media.mimeType().orElse(null), media.caption().orElse(null),
                    media.filename().orElse(null));
        }
        if (content instanceof MessageContent.Location location) {
            return new LocationView(location.latitude(), location.longitude(), location.name().orElse(null),
                    location.address().orElse(null));
        }
        if (content instanceof MessageContent.Contacts contacts) {
            return new ContactsView(contacts.cards().stream()
                    .map(card -> new ContactCardView(card.name().orElse(null), card.phones())).toList());
        }
        if (content instanceof MessageContent.InteractiveReply reply) {
            return new ReplyView(reply.reply(), reply.id(), reply.title());
        }
        if (content instanceof MessageContent.Button button) {
            return new ButtonView(button.payload(), button.text());
        }
        if (content instanceof MessageContent.Reaction reaction) {
            return new ReactionContentView(reaction.messageId(), reaction.emoji());
        }
        if (content instanceof MessageContent.Template template) {
            return new TemplateView(template.name(), template.language(), template.parameters());
        }
        return metaJson(((MessageContent.Other) content).json());
    }

    /** Meta's JSON of a message Janela does not read, as Meta sent it. */
    private static JsonNode metaJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
