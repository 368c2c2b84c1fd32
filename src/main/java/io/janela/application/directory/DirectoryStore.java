package io.janela.application.directory;

import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.outbound.SendBackoff;
import io.janela.domain.team.Agent;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Data that belongs to the desk as a whole rather than to one contact. */
public interface DirectoryStore {

    void recordTemplateStatus(TemplateStatusChange change);

    /** The desk's own view of a template: category, parameter count, enabled. Meta's status is kept apart. */
    void putTemplate(Template template);

    Optional<Template> findTemplate(String name, String language);

    /** One page of a listing, and the opaque cursor of the next; empty on the last page. */
    record Page<T>(List<T> items, Optional<String> cursor) {
    }

    /**
     * The templates the desk set up ({@link #putTemplate}), by name and language, at most {@code limit}
     * a page; a cursor that is not this list's is refused ({@link IllegalArgumentException} naming it).
     */
    Page<Template> templates(Optional<String> cursor, int limit);

    /** An agent as the team lists them, with when their status last changed (empty if it never has). */
    record TeamMember(Agent agent, Optional<Instant> statusAt) {
    }

    /** The agents, by e-mail, at most {@code limit} a page; a cursor as for {@link #templates}. */
    Page<TeamMember> agents(Optional<String> cursor, int limit);

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
