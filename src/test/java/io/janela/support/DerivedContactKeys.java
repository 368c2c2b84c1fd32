package io.janela.support;

import io.janela.application.contacts.ContactKeys;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Tests' contact keys: derived from the id a customer was first named by ({@link TestContacts#key}),
 * so a test can name a contact before looking it up. Production keys are random
 * ({@link io.janela.application.contacts.RandomContactKeys}); the tests of contact resolution use those.
 * Two contacts first named by the same id (a phone number Meta gave to someone new) would share a key
 * here: the tests that retire ids use random keys.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class DerivedContactKeys implements ContactKeys {

    @Override
    public ContactKey newKey(String phoneNumberId, ContactIdentity identity) {
        return TestContacts.key(phoneNumberId, identity.ids().get(0).value());
    }
}
