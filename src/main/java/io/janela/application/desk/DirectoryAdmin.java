package io.janela.application.desk;

import io.janela.application.directory.DirectoryStore;
import io.janela.domain.outbound.ActiveMessagePolicy;
import io.janela.domain.team.Agent;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** The team, its templates and its policy, as the desk's administrators set them. */
@ApplicationScoped
public class DirectoryAdmin {

    private final DirectoryStore directory;
    private final Clock clock;

    public DirectoryAdmin(DirectoryStore directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Saves name and permission; answers the agent as stored, with the status they set themselves. */
    public Agent putAgent(Agent agent) {
        directory.putAgent(agent);
        return directory.findAgent(agent.email()).orElse(agent);
    }

    /**
     * A status given here (for templates approved before Janela subscribed to Meta's webhook) is
     * recorded like one of Meta's reviews, at this instant: a later review from Meta replaces it.
     */
    public Template putTemplate(Template template) {
        directory.putTemplate(template);
        template.status().ifPresent(status -> directory.recordTemplateStatus(
                new TemplateStatusChange(template.name(), template.language(), status, null, clock.instant())));
        return directory.findTemplate(template.name(), template.language()).orElse(template);
    }

    public Optional<Template> template(String name, String language) {
        return directory.findTemplate(name, language);
    }

    public ActiveMessagePolicy putActiveMessagePolicy(ActiveMessagePolicy policy) {
        directory.putActiveMessagePolicy(policy);
        return policy;
    }

    public ActiveMessagePolicy activeMessagePolicy() {
        return directory.activeMessagePolicy();
    }
}
