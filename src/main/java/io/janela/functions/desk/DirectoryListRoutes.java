package io.janela.functions.desk;

import io.janela.application.desk.DirectoryLists;
import io.janela.application.desk.DirectoryLists.Member;
import io.janela.application.directory.DirectoryStore.Page;
import io.janela.domain.template.Template;
import io.janela.functions.desk.DirectoryRoutes.TemplateView;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The directory as an agent reads it: {@code GET /templates} ({@code usable=true} for only those an
 * agent may send, {@code cursor}) and {@code GET /agents} ({@code cursor}). A caller is needed (401)
 * who is an agent of the desk (403).
 */
@ApplicationScoped
public class DirectoryListRoutes {

    @Inject
    JsonResponses responses;
    @Inject
    DirectoryLists lists;

    @RegisterForReflection
    public record TemplatePageView(List<TemplateView> templates, String cursor) {
    }

    @RegisterForReflection
    public record MemberView(String email, String name, String status, Instant statusAt, boolean canSendActiveMessages,
            List<String> departments) {
        static MemberView of(Member member) {
            return new MemberView(member.agent().email(), member.agent().name(), member.agent().status().name(),
                    member.statusAt().orElse(null), member.agent().canSendActiveMessages(), member.departments());
        }
    }

    @RegisterForReflection
    public record TeamPageView(List<MemberView> agents, String cursor) {
    }

    public HttpApiResponse templates(HttpApiRequest request) {
        boolean usableOnly = request.query("usable").map(DirectoryListRoutes::usable).orElse(false);
        return responses.asCaller(request, caller -> {
            Page<Template> page = lists.templates(caller, usableOnly, request.query("cursor"));
            return responses.ok(new TemplatePageView(page.items().stream().map(TemplateView::of).toList(),
                    page.cursor().orElse(null)));
        });
    }

    public HttpApiResponse agents(HttpApiRequest request) {
        return responses.asCaller(request, caller -> {
            Page<Member> page = lists.team(caller, request.query("cursor"));
            return responses.ok(new TeamPageView(page.items().stream().map(MemberView::of).toList(),
                    page.cursor().orElse(null)));
        });
    }

    private static boolean usable(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("usable: true or false");
        };
    }
}
