package io.janela.support;

import io.janela.adapters.dynamodb.DynamoIdentityStore;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.IdentityLink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Contacts as tests look them up: Janela gives each contact a random key, so a test finds it the way
 * the desk does, by the customer's phone number or BSUID, once a message or a send has made it.
 */
public final class TestContacts {

    private TestContacts() {
    }

    /** The contact {@code ref} (a phone number or a BSUID) names on the test business number, if any. */
    public static Optional<ContactKey> find(DynamoDbClient dynamo, String contactsTable, String ref) {
        CustomerId id = CustomerId.parse(ref);
        return Optional.ofNullable(new DynamoIdentityStore(dynamo, contactsTable)
                .links(MetaPayloads.PHONE_NUMBER_ID, List.of(id)).get(id)).map(IdentityLink::contact);
    }

    public static ContactKey key(DynamoDbClient dynamo, String contactsTable, String ref) {
        return find(dynamo, contactsTable, ref)
                .orElseThrow(() -> new AssertionError("no contact is named " + ref + " on " + MetaPayloads.PHONE_NUMBER_ID));
    }

    /**
     * The key a contact first named by {@code ref} (a phone number or a BSUID) has in tests, on the
     * test business number (see {@link DerivedContactKeys}).
     */
    public static ContactKey key(String ref) {
        return key(MetaPayloads.PHONE_NUMBER_ID, ref);
    }

    public static ContactKey key(String phoneNumberId, String ref) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((phoneNumberId + "/" + ref).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new ContactKey(phoneNumberId, "k" + java.util.HexFormat.of().formatHex(digest, 0, 12));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of one item of a contact's partition. */
    public static Map<String, AttributeValue> itemKey(ContactKey contact, String sortKey) {
        return Map.of("pk", AttributeValue.fromS("C#" + contact.id()), "sk", AttributeValue.fromS(sortKey));
    }

    /** A key no contact has, for contacts a test writes by hand (clones for benchmarks, say): {@code k} and 24 hex digits. */
    public static ContactKey madeUp(long number) {
        return TestContacts.key("k" + String.format("%024x", number));
    }
}
