package io.janela.application.outbound;

import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.FailureAction;
import io.janela.domain.message.MetaError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Acts on the errors Meta reports for our sends, whether they come back at once from the Graph
 * API or later as a {@code failed} status. Every action is safe to repeat on a redelivery.
 */
@ApplicationScoped
public class MetaFailures {

    private static final Logger LOG = Logger.getLogger(MetaFailures.class);
    /** Meta: retry a 131049 no sooner than 24 hours later. */
    static final Duration HELD_BACK_RETRY_DELAY = Duration.ofHours(24);

    private final ContactStore contacts;
    private final OutboundStore outbound;
    private final DirectoryStore directory;

    public MetaFailures(ContactStore contacts, OutboundStore outbound, DirectoryStore directory) {
        this.contacts = contacts;
        this.outbound = outbound;
        this.directory = directory;
    }

    public void apply(ContactKey contact, Optional<String> wamid, MetaError error, Instant at) {
        Optional<FailureAction> action = FailureAction.forCode(error.code());
        if (action.isEmpty()) {
            return;
        }
        LOG.infof("event=meta_failure_handled code=%d action=%s contact=%s", error.code(), action.get(), contact.forLog());
        switch (action.get()) {
            case CLOSE_WINDOW -> contacts.markWindowClosedByMeta(contact, at);
            case RETRY_AFTER_A_DAY -> wamid.ifPresent(id -> outbound.scheduleRetry(contact, id, at.plus(HELD_BACK_RETRY_DELAY)));
            case OPT_OUT_OF_BROADCASTS -> contacts.recordMarketingPreference(new MarketingPreference(contact, true, at));
            case FLAG_UNDELIVERABLE -> contacts.flagUndeliverable(contact, at);
            case BACK_OFF_PAIR -> contacts.backOffSends(contact, at);
            case BACK_OFF_SENDER -> directory.backOffSender(contact.phoneNumberId(), at);
        }
    }
}
