package io.janela.application.contacts;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;

/** Where a new contact's key comes from. */
public interface ContactKeys {

    /** A key no contact has yet, for the customer first named by {@code identity}. */
    ContactKey newKey(String phoneNumberId, ContactIdentity identity);
}
