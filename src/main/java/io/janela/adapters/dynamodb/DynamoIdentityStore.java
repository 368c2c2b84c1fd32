package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.epoch;
import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.application.contacts.IdentityStore;
import io.janela.config.JanelaConfig;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.IdentityLink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link IdentityStore} in the contacts table: one small item per customer id
 * ({@code ID#<phone_number_id>#P#<wa_id>}, {@code ...#U#<bsuid>}) holding the contact key it names.
 */
@ApplicationScoped
public class DynamoIdentityStore implements IdentityStore {

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoIdentityStore(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoIdentityStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<CustomerId, IdentityLink> links(String phoneNumberId, Collection<CustomerId> ids) {
        Map<String, CustomerId> byPartition = new HashMap<>();
        LinkedHashSet<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
        for (CustomerId id : ids) {
            Map<String, AttributeValue> key = ContactItems.identityKey(phoneNumberId, id);
            keys.add(key);
            byPartition.put(key.get(ContactItems.PK).s(), id);
        }
        Map<CustomerId, IdentityLink> links = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchReads.consistently(dynamo, table, List.copyOf(keys))) {
            CustomerId id = byPartition.get(item.get(ContactItems.PK).s());
            links.put(id, new IdentityLink(id, new ContactKey(phoneNumberId, Attributes.required(item, "contact")),
                    Attributes.instant(item, "retiredAt")));
        }
        return links;
    }

    @Override
    public boolean link(String phoneNumberId, CustomerId id, ContactKey contact, Optional<ContactKey> replacing, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":contact", s(contact.id()),
                ":phoneNumberId", s(phoneNumberId),
                ":at", epoch(at)));
        String condition = "attribute_not_exists(pk)";
        if (replacing.isPresent()) {
            values.put(":replacing", s(replacing.get().id()));
            condition = "contact = :replacing";
        }
        return ConditionalUpdate.applied(dynamo, UpdateItemRequest.builder()
                .tableName(table)
                .key(ContactItems.identityKey(phoneNumberId, id))
                .updateExpression("SET contact = :contact, phoneNumberId = :phoneNumberId, linkedAt = :at REMOVE retiredAt")
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .build());
    }

    @Override
    public void retire(String phoneNumberId, CustomerId id, ContactKey contact, Instant at) {
        ConditionalUpdate.applied(dynamo, UpdateItemRequest.builder() // refused: it names another contact, or retired earlier
                .tableName(table)
                .key(ContactItems.identityKey(phoneNumberId, id))
                .updateExpression("SET retiredAt = :at")
                .conditionExpression("contact = :contact AND (attribute_not_exists(retiredAt) OR retiredAt > :at)")
                .expressionAttributeValues(Map.of(":contact", s(contact.id()), ":at", epoch(at)))
                .build());
    }
}
