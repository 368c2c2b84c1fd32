package io.janela.benchmark;

import static io.janela.support.MetaPayloads.PHONE_NUMBER_ID;
import io.janela.support.TestContacts;
import io.janela.domain.contact.CustomerId;
import static io.janela.support.MetaPayloads.notification;

import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.SendService;
import io.janela.application.outbound.SendService.SendCommand;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.template.Template;
import io.janela.domain.template.TemplateStatusChange;
import io.janela.support.CapacityMeter;
import io.janela.support.IngestHarness;
import io.janela.support.SendHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: DynamoDB capacity of one send, as DynamoDB Local reports it.
 * Meta is a recording double here (its cost is Meta's). Run it with
 * {@code ./mvnw test -Dtest=SendBenchmark}; it prints a table and writes target/benchmark/send.md.
 */
class SendBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    private static final String BIA = "bia@desk.example";
    private static final OutboundContent.Template TEMPLATE = new OutboundContent.Template("pedido", "pt_BR", List.of("Ana"));

    private final StringBuilder report = new StringBuilder();

    @Test
    void capacityPerSend() throws IOException {
        CapacityMeter meter = new CapacityMeter();
        try (IngestHarness desk = new IngestHarness(CLOCK, meter)) {
            desk.directory.putAgent(new Agent(BIA, "Bia", AgentStatus.ONLINE, true));
            desk.directory.putTemplate(new Template("pedido", "pt_BR", Optional.of("UTILITY"), 1, true, Optional.empty()));
            desk.directory.recordTemplateStatus(new TemplateStatusChange("pedido", "pt_BR", "APPROVED", null, T0));
            desk.deliver(notification().text("5511987654321", "Ana", "wamid.B1", T0, "Oi"));
            SendHarness send = new SendHarness(desk, CLOCK);
            report.append("| send | requests | read units | write units |\n| --- | ---: | ---: | ---: |\n");
            measure(meter, "free-form reply inside the window (contact with an open ticket)",
                    () -> send.sends.send(command("5511987654321", new OutboundContent.Text("Já saiu"), Optional.empty())));
            measure(meter, "active message (template, window closed) with reply routing",
                    () -> send.sends.send(command("5511900000001", TEMPLATE, Optional.of(new ReplyRoute.ToDepartment("billing")))));
            measure(meter, "refused by the guard (free-form, window closed)",
                    () -> send.sends.send(command("5511900000002", new OutboundContent.Text("oi"), Optional.empty())));
            send.meta.answer(message -> new MessageSender.Rejected(400,
                    new MetaError(131026, "OAuthException", "Message undeliverable", null), false));
            measure(meter, "refused by Meta (131026: stored failed, contact flagged)",
                    () -> send.sends.send(command("5511900000003", TEMPLATE, Optional.empty())));
        }
        Path out = Path.of("target/benchmark/send.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private static SendCommand command(String waId, OutboundContent content, Optional<ReplyRoute> route) {
        return new SendCommand(BIA, PHONE_NUMBER_ID, new CustomerId.WaId(waId), content, route);
    }

    private void measure(CapacityMeter meter, String label, Supplier<SendService.SendResult> send) {
        meter.reset();
        SendService.SendResult result = send.get();
        report.append(String.format(java.util.Locale.ROOT, "| %s (%s) | %d | %.1f | %.1f |%n", label,
                result.getClass().getSimpleName(), meter.requests(), meter.readUnits(), meter.writeUnits()));
    }
}
