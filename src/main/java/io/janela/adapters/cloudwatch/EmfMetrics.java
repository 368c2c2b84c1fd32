package io.janela.adapters.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.janela.application.Metrics;
import io.janela.config.JanelaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The metrics as CloudWatch's embedded metric format: each record is one JSON object on a line of
 * its own on standard output, which Lambda ships to the function's log group, where CloudWatch
 * takes the metrics out of it. It is written with {@code System.out}, not the logger, whose lines
 * start with a timestamp: CloudWatch reads a line as metrics only when the whole line is the JSON
 * object. The namespace is {@code janela.metrics.namespace}; every record has the dimension
 * {@code Function}, and some an {@code Outcome} or a refusal {@code Code}.
 */
@ApplicationScoped
public class EmfMetrics implements Metrics {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Consumer<String> out;
    private final Clock clock;
    private final String namespace;

    @Inject
    public EmfMetrics(Clock clock, JanelaConfig config) {
        this(line -> System.out.println(line), clock, config.metrics().namespace());
    }

    /** {@code out} takes each record's line, without its line break. */
    public EmfMetrics(Consumer<String> out, Clock clock, String namespace) {
        this.out = out;
        this.clock = clock;
        this.namespace = namespace;
    }

    @Override
    public void webhookPost(int applied, int quarantined, int failed, boolean serverError) {
        write(new Record("webhook")
                .count(List.of(), "UpdatesApplied", applied)
                .count(List.of(), "UpdatesQuarantined", quarantined)
                .count(List.of(), "UpdatesFailed", failed)
                .count(List.of(), "ServerErrors", serverError ? 1 : 0));
    }

    @Override
    public void send(SendOutcome outcome, Optional<String> refusalCode) {
        Record record = new Record("send").dimension("Outcome", outcome.label()).count(List.of("Outcome"), "Sends", 1);
        refusalCode.ifPresent(code -> record.dimension("Code", code).count(List.of("Code"), "GuardRefusals", 1));
        write(record);
    }

    @Override
    public void sweep(int closes, Duration lag) {
        write(new Record("sweep")
                .count(List.of(), "SweepCloses", closes)
                .value(List.of(), "SweepLag", "Seconds", Math.max(0, lag.toSeconds())));
    }

    @Override
    public void campaignRun(int sent, int failed, int unknown, int skipped, int retried) {
        write(new Record("campaign-driver")
                .count(List.of(), "CampaignSent", sent)
                .count(List.of(), "CampaignFailed", failed)
                .count(List.of(), "CampaignUnknown", unknown)
                .count(List.of(), "CampaignSkipped", skipped)
                .count(List.of(), "HeldBackRetries", retried));
    }

    @Override
    public void assignment(int assigned, int leftWaiting) {
        write(new Record("assign")
                .count(List.of(), "TicketsAssigned", assigned)
                .count(List.of(), "TicketsLeftWaiting", leftWaiting));
    }

    /** One line's dimensions and metrics; metrics with the same extra dimensions share a directive. */
    private static final class Record {
        final Map<String, String> dimensions = new LinkedHashMap<>();
        final Map<List<String>, List<String[]>> directives = new LinkedHashMap<>();
        final Map<String, Long> values = new LinkedHashMap<>();

        Record(String function) {
            dimensions.put("Function", function);
        }

        Record dimension(String name, String value) {
            dimensions.put(name, value);
            return this;
        }

        Record count(List<String> extraDimensions, String name, long value) {
            return value(extraDimensions, name, "Count", value);
        }

        Record value(List<String> extraDimensions, String name, String unit, long value) {
            directives.computeIfAbsent(extraDimensions, any -> new ArrayList<>()).add(new String[] {name, unit});
            values.put(name, value);
            return this;
        }
    }

    private void write(Record record) {
        ObjectNode line = NODES.objectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ArrayNode directives = aws.putArray("CloudWatchMetrics");
        record.directives.forEach((extra, metrics) -> {
            ObjectNode directive = directives.addObject();
            directive.put("Namespace", namespace);
            ArrayNode dimensionSet = directive.putArray("Dimensions").addArray().add("Function");
            extra.forEach(dimensionSet::add);
            ArrayNode definitions = directive.putArray("Metrics");
            metrics.forEach(metric -> definitions.addObject().put("Name", metric[0]).put("Unit", metric[1]));
        });
        record.dimensions.forEach(line::put);
        record.values.forEach(line::put);
        out.accept(line.toString());
    }
}
