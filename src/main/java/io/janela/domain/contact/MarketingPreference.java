package io.janela.domain.contact;

import java.time.Instant;

/** A customer stopping or resuming marketing messages, as Meta reports it. */
public record MarketingPreference(ContactKey contact, boolean stopped, Instant at) {
}
