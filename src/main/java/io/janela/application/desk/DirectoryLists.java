package io.janela.application.desk;

import io.janela.application.assignment.TeamStore;
import io.janela.application.directory.Agents;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.directory.DirectoryStore.Page;
import io.janela.application.directory.DirectoryStore.TeamMember;
import io.janela.application.directory.NotAnAgent;
import io.janela.domain.team.Agent;
import io.janela.domain.team.Department;
import io.janela.domain.template.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a desk lists of its directory: the templates (for the closed window's picker) and the team
 * (for a transfer, and the caller's own status). Only the desk's agents read them ({@link NotAnAgent}).
 * Each page is one Query of at most {@link #PAGE} items; a longer list goes on with the page's cursor.
 */
@ApplicationScoped
public class DirectoryLists {

    /** Items read a page: one Query of a few tens of KB, well under DynamoDB's 1 MB. */
    public static final int PAGE = 100;

    private final DirectoryStore directory;
    private final TeamStore team;
    private final Agents agents;

    @Inject
    public DirectoryLists(DirectoryStore directory, TeamStore team) {
        this.directory = directory;
        this.team = team;
        this.agents = new Agents(directory);
    }

    /** An agent of the team, with the departments that name them. */
    public record Member(Agent agent, Optional<Instant> statusAt, List<String> departments) {
    }

    /**
     * The templates the desk set up; {@code usableOnly}, just those the send gate lets an agent send
     * ({@link Template#sendable()}). Such a page may hold fewer than {@link #PAGE}, and still have a cursor.
     */
    public Page<Template> templates(String caller, boolean usableOnly, Optional<String> cursor) {
        agents.acting(caller);
        Page<Template> page = directory.templates(cursor, PAGE);
        return usableOnly
                ? new Page<>(page.items().stream().filter(Template::sendable).toList(), page.cursor())
                : page;
    }

    /** The team by e-mail, each with their departments (the departments are one more Query, of one partition). */
    public Page<Member> team(String caller, Optional<String> cursor) {
        agents.acting(caller);
        Page<TeamMember> page = directory.agents(cursor, PAGE);
        List<Department> departments = page.items().isEmpty() ? List.of() : team.departments();
        return new Page<>(page.items().stream()
                .map(member -> new Member(member.agent(), member.statusAt(), departments.stream()
                        .filter(department -> department.agents().contains(member.agent().email()))
                        .map(Department::id)
                        .toList()))
                .toList(), page.cursor());
    }
}
