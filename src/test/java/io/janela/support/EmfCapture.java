package io.janela.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Standard output while a test drives a function, as Lambda would ship it to CloudWatch: the lines
 * that are embedded-metric-format records, each checked against the format's rules as CloudWatch
 * applies them before it takes a metric out of a line. Output still reaches the console.
 */
public final class EmfCapture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The units CloudWatch accepts. */
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private EmfCapture() {
        this.original = System.out;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
            }
        };
        System.setOut(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    public static EmfCapture start() {
        return new EmfCapture();
    }

    /** Every metrics record written so far, in order, each checked ({@link #check}). */
    public List<JsonNode> records() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("{\"_aws\"")) {
                records.add(check(line));
            }
        }
        return records;
    }

    /** The one record written so far; fails unless there is exactly one. */
    public JsonNode only() {
        List<JsonNode> records = records();
        if (records.size() != 1) {
            throw new AssertionError("expected one metrics line, found " + records.size() + ": " + records);
        }
        return records.get(0);
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    /**
     * A line CloudWatch takes metrics from: the whole line one JSON object, {@code _aws} with an integral
     * {@code Timestamp} in epoch milliseconds and a non-empty {@code CloudWatchMetrics}; each directive a
     * {@code Namespace}, {@code Dimensions} (sets of 1 to 30 names of string members of the root) and 1 to
     * 100 {@code Metrics}, each {@code Name} a numeric member of the root (or up to 100 numbers) and its
     * {@code Unit}, if any, one CloudWatch knows.
     */
    public static JsonNode check(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not an embedded-metric-format line (one JSON object): " + line, e);
        }
        require(root.isObject() && line.startsWith("{") && line.endsWith("}") && !line.contains("\n"),
                "a metrics line is one JSON object alone", line);
        JsonNode aws = root.path("_aws");
        require(aws.path("Timestamp").isIntegralNumber() && aws.path("Timestamp").asLong() > 0, "_aws.Timestamp in epoch ms", line);
        JsonNode directives = aws.path("CloudWatchMetrics");
        require(directives.isArray() && !directives.isEmpty(), "_aws.CloudWatchMetrics, not empty", line);
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            require(directive.path("Namespace").isTextual() && !namespace.isBlank() && namespace.length() <= 255, "a Namespace", line);
            JsonNode dimensions = directive.path("Dimensions");
            require(dimensions.isArray(), "Dimensions, an array of dimension sets", line);
            for (JsonNode set : dimensions) {
                require(set.isArray() && !set.isEmpty() && set.size() <= 30, "a dimension set of 1 to 30 names", line);
                for (JsonNode name : set) {
                    JsonNode value = root.path(name.asText());
                    require(name.isTextual() && value.isTextual() && !value.asText().isEmpty() && value.asText().length() <= 1024,
                            "dimension " + name + " a string member of the root", line);
                }
            }
            JsonNode metrics = directive.path("Metrics");
            require(metrics.isArray() && !metrics.isEmpty() && metrics.size() <= 100, "1 to 100 Metrics", line);
            for (JsonNode metric : metrics) {
                String name = metric.path("Name").asText("");
                JsonNode value = root.path(name);
                boolean numbers = value.isNumber() || value.isArray() && value.size() <= 100
                        && java.util.stream.StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isNumber);
                require(!name.isEmpty() && name.length() <= 255 && numbers, "metric " + name + " a numeric member of the root", line);
                require(!metric.has("Unit") || UNITS.contains(metric.path("Unit").asText()), "a CloudWatch unit", line);
            }
        }
        return root;
    }

    private static void require(boolean condition, String rule, String line) {
        if (!condition) {
            throw new AssertionError("not an embedded-metric-format line (" + rule + "): " + line);
        }
    }
}
