package io.janela.application.contacts;

import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * 96 random bits per key: unique across business numbers without asking anyone (two keys among a
 * billion contacts collide with odds of about one in 10^11), and nothing in a key says who it is.
 */
@ApplicationScoped
public class RandomContactKeys implements ContactKeys {

    /**
     * The platform's default SecureRandom (NativePRNG on Linux), which mixes bytes read from
     * /dev/urandom (never more than 100 ms old) into every draw: a generator built before a SnapStart
     * snapshot still gives each restored environment keys of its own, as Lambda's advice for Java
     * says. A seeded java.util.Random or ThreadLocalRandom would repeat the snapshot's sequence.
     */
    private final SecureRandom random = new SecureRandom();

    @Override
    public ContactKey newKey(String phoneNumberId, ContactIdentity identity) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return new ContactKey(phoneNumberId, "k" + HexFormat.of().formatHex(bytes));
    }
}
