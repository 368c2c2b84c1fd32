package io.janela.application.ingest;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.IdentityChange;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.MetaError;
import io.janela.domain.message.Pricing;
import io.janela.domain.template.TemplateStatusChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One update of a webhook POST, read and checked, before Janela knows which contact it is about.
 * {@code path} says where it was in the body ({@code entry[0].changes[1].value.messages[3]}).
 */
public sealed interface WebhookUpdate {

    String path();

    /** The update's own JSON as Meta sent it, kept should it have to be quarantined later. */
    String json();

    /** What kind of update it is, as quarantine records and logs name it. */
    String kind();

    /** The customer it is about; template reviews are about no customer. */
    Optional<Customer> customer();

    /** A customer as the notification names them, on the business number that received it. */
    record Customer(String phoneNumberId, ContactIdentity identity, Optional<String> name) {
        public Customer {
            Objects.requireNonNull(phoneNumberId, "phoneNumberId");
            Objects.requireNonNull(identity, "identity");
            name = Objects.requireNonNullElse(name, Optional.empty());
        }
    }

    /**
     * A message the customer sent, of any type; {@code sentAt} is Meta's timestamp (never later than
     * the receipt); {@code change} when it is Meta's system message that the customer's ids moved.
     */
    record Message(String path, Customer from, String wamid, String type, Instant sentAt, String json,
            Optional<IdentityChange> change) implements WebhookUpdate {
        @Override
        public String kind() {
            return "message";
        }

        @Override
        public Optional<Customer> customer() {
            return Optional.of(from);
        }
    }

    /** What happened to a message Janela sent. */
    record Status(String path, Customer recipient, String wamid, DeliveryStatus status, Instant at, List<MetaError> errors,
            Optional<Pricing> pricing, Optional<String> conversationId, Optional<String> callbackData, String json)
            implements WebhookUpdate {
        public Status {
            errors = List.copyOf(errors);
        }

        @Override
        public String kind() {
            return "status";
        }

        @Override
        public Optional<Customer> customer() {
            return Optional.of(recipient);
        }
    }

    /** The customer stopped or resumed marketing messages. */
    record Preference(String path, Customer who, boolean stopped, Instant at, String json) implements WebhookUpdate {
        @Override
        public String kind() {
            return "preference";
        }

        @Override
        public Optional<Customer> customer() {
            return Optional.of(who);
        }
    }

    /** Meta's review of a template. */
    record TemplateReview(String path, TemplateStatusChange change, String json) implements WebhookUpdate {
        @Override
        public String kind() {
            return "template_review";
        }

        @Override
        public Optional<Customer> customer() {
            return Optional.empty();
        }
    }

    /** Meta's {@code user_id_update}: the customer's BSUID changed. */
    record IdsChanged(String path, Customer who, IdentityChange change, String json) implements WebhookUpdate {
        @Override
        public String kind() {
            return "user_id_update";
        }

        @Override
        public Optional<Customer> customer() {
            return Optional.of(who);
        }
    }
}
