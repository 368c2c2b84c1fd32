package io.janela.functions.desk;

import io.janela.application.contacts.ContactResolver;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The contact a desk route's path names: {@code /numbers/{phoneNumberId}/contacts/{ref}}, where
 * {@code ref} is the customer's phone number or business-scoped user id.
 */
@ApplicationScoped
public class ContactPaths {

    @Inject
    JsonResponses responses;
    @Inject
    ContactResolver resolver;

    /** The contact the path names, if Janela knows it; a ref that is neither kind of id is a 400. */
    public Optional<ContactKey> contact(HttpApiRequest request) {
        String phoneNumberId = ContactKey.checkedPhoneNumberId(request.path("phoneNumberId").orElse(""));
        CustomerId id;
        try {
            id = CustomerId.parse(request.path("ref").orElse(""));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("ref: " + bad.getMessage());
        }
        return resolver.find(phoneNumberId, id);
    }

    public HttpApiResponse unknownContact(HttpApiRequest request) {
        return responses.refused(DeskRefusals.unknownContact(request));
    }
}
