package io.janela.domain.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything Meta (or a desk request) says about who a customer is. Any part may be missing; a
 * contact is found by its phone ({@code waId}) or its business-scoped user id ({@code userId}).
 * The parent BSUID (shared across linked business portfolios) and the username are shown, never
 * used to find anyone: a username can change at any time.
 */
public record ContactIdentity(
        Optional<CustomerId.WaId> waId,
        Optional<CustomerId.Bsuid> userId,
        Optional<String> parentUserId,
        Optional<String> username) {

    private static final Pattern PARENT = Pattern.compile("[A-Z]{2}\\.ENT\\.[A-Za-z0-9]{1,128}");
    /** Meta's usernames are 3 to 35 of a-z, 0-9, '.' and '_'; a little slack, in case Meta widens them. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._]{1,64}");
    public static final ContactIdentity NONE = new ContactIdentity(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public ContactIdentity {
        waId = Objects.requireNonNullElse(waId, Optional.empty());
        userId = Objects.requireNonNullElse(userId, Optional.empty());
        parentUserId = Objects.requireNonNullElse(parentUserId, Optional.empty());
        username = Objects.requireNonNullElse(username, Optional.<String>empty()).map(ContactIdentity::withoutAt);
        if (parentUserId.filter(value -> !PARENT.matcher(value).matches()).isPresent()) {
            throw new IllegalArgumentException("a parent user id is a country code, .ENT. and up to 128 letters and digits");
        }
        if (username.filter(value -> !USERNAME.matcher(value).matches()).isPresent()) {
            throw new IllegalArgumentException("a username is 1 to 64 letters, digits, '.' and '_'");
        }
    }

    public static ContactIdentity of(CustomerId id) {
        return id instanceof CustomerId.WaId phone
                ? new ContactIdentity(Optional.of(phone), Optional.empty(), Optional.empty(), Optional.empty())
                : new ContactIdentity(Optional.empty(), Optional.of((CustomerId.Bsuid) id), Optional.empty(), Optional.empty());
    }

    /** Whether the parent id fits Meta's format; a notification's odd parent id is dropped, not fatal. */
    public static boolean isParentUserId(String value) {
        return value != null && PARENT.matcher(value).matches();
    }

    public static boolean isUsername(String value) {
        return value != null && USERNAME.matcher(withoutAt(value)).matches();
    }

    /** The ids a contact is found by, BSUID first: when the two disagree, Meta's BSUID is the newer word. */
    public List<CustomerId> ids() {
        List<CustomerId> ids = new ArrayList<>(2);
        userId.ifPresent(ids::add);
        waId.ifPresent(ids::add);
        return ids;
    }

    public boolean addressable() {
        return waId.isPresent() || userId.isPresent();
    }

    /** What is known after {@code newer} spoke: its parts win, the rest stays. */
    public ContactIdentity updatedBy(ContactIdentity newer) {
        return new ContactIdentity(newer.waId.or(() -> waId), newer.userId.or(() -> userId),
                newer.parentUserId.or(() -> parentUserId), newer.username.or(() -> username));
    }

    /** Without the id that moved to another contact. */
    public ContactIdentity without(CustomerId id) {
        return new ContactIdentity(waId.filter(phone -> !phone.equals(id)), userId.filter(user -> !user.equals(id)),
                parentUserId, username);
    }

    private static String withoutAt(String username) {
        return username.startsWith("@") ? username.substring(1) : username;
    }
}
