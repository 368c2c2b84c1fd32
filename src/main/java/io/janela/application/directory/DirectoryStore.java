package io.janela.application.directory;

import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.outbound.SendBackoff;
import io.janela.domain.team.Agent;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import java.time.Instant;
import java.util.Optional;

/** Data that belongs to the desk as a whole rather than to one contact. */
public interface DirectoryStore {

    void recordTemplateStatus(TemplateStatusChange change);

    /** The desk's own view of a template: category, parameter count, enabled. Meta's status is kept apart. */
    void putTemplate(Template template);

    Optional<Template> findTemplate(String name, String language);

    void putAgent(Agent agent);

    Optional<Agent> findAgent(String email);

    void putActiveMessagePolicy(ActiveMessagePolicy policy);

    ActiveMessagePolicy activeMessagePolicy();

    /** Meta's throughput limit (130429) on one business number: its sends pause until the backoff ends. */
    SendBackoff backOffSender(String phoneNumberId, Instant limitHitAt);

    Optional<SendBackoff> senderBackoff(String phoneNumberId);

    /** When the last sweep started; empty before the first. */
    Optional<Instant> lastSweepAt();

    /** Records a sweep's start; an older start never replaces a newer one. */
    void recordSweep(Instant startedAt);
}
