package io.janela.architecture.violations;

import io.janela.adapters.dynamodb.DynamoContactStore;
import io.janela.domain.contact.ContactKey;

/** Breaks the layers on purpose: a caller of the application that reaches the DynamoDB adapter itself. */
public final class ReachesAnAdapter {

    public boolean known(DynamoContactStore contacts, ContactKey contact) {
        return contacts.findContact(contact).isPresent();
    }
}
