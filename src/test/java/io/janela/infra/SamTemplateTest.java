package io.janela.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.janela.config.JanelaConfig;
import io.janela.config.ScheduleRate;
import io.janela.config.SweepRuleProducer;
import io.janela.functions.AssignFunction;
import io.janela.functions.CampaignDriverFunction;
import io.janela.functions.DeskFunction;
import io.janela.functions.SendFunction;
import io.janela.functions.SweepFunction;
import io.janela.functions.WebhookFunction;
import io.janela.local.SamTemplate;
import io.janela.snapstart.RestorableCredentials;
import io.janela.support.TestSettings;
import io.quarkus.funqy.Funq;
import jakarta.inject.Named;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What infra/template.yaml promises: every function wired, least privilege, logs kept, secrets hidden. */
class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.fromClasspath();

    private static Set<String> funqyNames() {
        return Stream.of(WebhookFunction.class, DeskFunction.class, SendFunction.class, CampaignDriverFunction.class,
                        SweepFunction.class, AssignFunction.class)
                .flatMap(type -> Stream.of(type.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(Funq.class))
                .map((Method method) -> method.getAnnotation(Funq.class).value())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new java.util.TreeMap<>();
        for (String id : List.of("WebhookFunction", "DeskFunction", "SendFunction", "CampaignDriverFunction", "SweepFunction",
                "AssignFunction")) {
            functions.put(id, TEMPLATE.resource(id).orElseThrow().path("Properties"));
        }
        return functions;
    }

    @Test
    void everyFunqyFunctionHasALambdaSelectingItAndNoMore() {
        Set<String> exported = functions().values().stream()
                .map(properties -> properties.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(funqyNames(), exported);
        assertEquals(Set.of("webhook", "desk", "send", "campaign-driver", "sweep", "assign"), exported);
    }

    @Test
    void theWebhookRoutesAreTheOnesMetaCalls() {
        List<String> routes = TEMPLATE.httpRoutes().stream()
                .filter(route -> route.function().equals("webhook"))
                .map(SamTemplate.Route::routeKey)
                .toList();
        assertEquals(List.of("GET /webhook", "POST /webhook"), routes);
    }

    @Test
    void theDeskRoutesAreTheDesksApi() {
        List<String> routes = TEMPLATE.httpRoutes().stream()
                .filter(route -> route.function().equals("desk"))
                .map(SamTemplate.Route::routeKey)
                .toList();
        // a contact is named by its phone number or its business-scoped user id: {ref} takes either
        assertEquals(List.of("GET /numbers/{phoneNumberId}/contacts/{ref}", "PUT /numbers/{phoneNumberId}/contacts/{ref}",
                "GET /tickets", "GET /tickets/{id}", "POST /tickets/{id}/close", "DELETE /tickets/{id}/scheduled-close",
                "POST /tickets/{id}/assign", "POST /tickets/{id}/tags", "POST /tickets/{id}/notes", "GET /tickets/{id}/notes",
                "GET /tickets/{id}/messages", "GET /numbers/{phoneNumberId}/contacts/{ref}/messages", "GET /messages/{id}",
                "PUT /agents/{email}", "PUT /agents/{email}/status", "GET /departments", "PUT /departments/{id}",
                "GET /templates", "GET /agents", "PUT /templates/{name}/{language}", "PUT /settings", "GET /quarantine", "DELETE /quarantine/{id}"), routes);
    }

    /** The sweeper is triggered by its schedule alone; local mode's POST /sweeps is not an AWS route. */
    @Test
    void theSweeperRunsOnTheSweepRateScheduleAndHasNoRoute() {
        JsonNode sweeper = functions().get("SweepFunction");
        assertEquals(List.of("Sweep"), fieldNames(sweeper.path("Events")));
        JsonNode sweep = sweeper.path("Events").path("Sweep");
        assertEquals("Schedule", sweep.path("Type").asText());
        assertEquals("SweepRate", sweep.path("Properties").path("Schedule").path("Ref").asText());
        JsonNode rate = root().path("Parameters").path("SweepRate");
        assertEquals("rate(1 minute)", rate.path("Default").asText());
        assertEquals(Duration.ofMinutes(1), ScheduleRate.parse(rate.path("Default").asText()));
        assertEquals("SweepRate", sweeper.path("Environment").path("Variables").path("JANELA_SWEEP_RATE").path("Ref").asText(),
                "the sweeper knows its own rate, to tell a catch-up from a normal run");
        assertTrue(TEMPLATE.httpRoutes().stream().noneMatch(route -> route.function().equals("sweep")
                || route.path().startsWith("/sweeps")), TEMPLATE.httpRoutes().toString());
    }

    /** A run stops starting work after its batch time; the closes in flight then need time to finish. */
    @Test
    void theSweepersTimeoutLeavesRoomAfterItsBatchTime() {
        JsonNode sweeper = functions().get("SweepFunction");
        JanelaConfig settings = deployedSettings("SweepFunction");
        Duration timeout = Duration.ofSeconds(sweeper.path("Timeout").asInt());
        assertEquals(Duration.ofSeconds(40), settings.sweep().batchTime());
        assertTrue(timeout.compareTo(settings.sweep().batchTime().plusSeconds(10)) >= 0,
                "timeout " + timeout + ", batch time " + settings.sweep().batchTime());
    }

    /**
     * Lambda no longer creates functions on {@code java17} (deprecated 2026-06-30, creation disabled
     * 2026-07-31): every function runs on {@code java25}, the newest LTS runtime with SnapStart, as no
     * function overrides it.
     */
    @Test
    void everyFunctionRunsOnJava25() {
        assertEquals("java25", root().path("Globals").path("Function").path("Runtime").asText());
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            assertTrue(function.getValue().path("Runtime").isMissingNode(),
                    function.getKey() + " sets its own runtime");
        }
    }

    /**
     * SnapStart snapshots published versions only: every function publishes one on each deploy, and its
     * triggers call the alias (SAM points HTTP API routes, schedules and stream mappings at the
     * AutoPublishAlias), so no trigger ever starts an unsnapshotted $LATEST.
     */
    @Test
    void everyFunctionStartsFromASnapStartSnapshotBehindTheLiveAlias() {
        JsonNode globals = root().path("Globals").path("Function");
        assertEquals("PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());
        assertEquals("live", globals.path("AutoPublishAlias").asText());
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            JsonNode properties = function.getValue();
            assertTrue(properties.path("SnapStart").isMissingNode(), function.getKey() + " sets its own SnapStart");
            assertTrue(properties.path("AutoPublishAlias").isMissingNode(), function.getKey() + " sets its own alias");
            properties.path("Events").forEach(event -> assertTrue(
                    Set.of("HttpApi", "Schedule", "DynamoDB").contains(event.path("Type").asText()),
                    function.getKey() + " has a trigger of a type not checked to call the alias: " + event));
        }
    }

    /**
     * java25 compiles fully (C2 too) under SnapStart unless told otherwise; Janela stops at C1 in every
     * function, which answers the first request after a restore sooner (the template's comment has the
     * measurement).
     */
    @Test
    void everyFunctionStopsTheJitAtC1EvenWithSnapStart() {
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED", root().path("Globals").path("Function")
                .path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").asText());
        functions().forEach((id, properties) -> assertTrue(
                properties.path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").isMissingNode(),
                id + " sets its own JAVA_TOOL_OPTIONS"));
    }

    /**
     * In AWS the DynamoDB client's credentials come from the bean that resolves them again after each
     * SnapStart restore; local mode and the tests keep their static keys.
     */
    @Test
    void inAwsTheDynamoDbCredentialsAreResolvedAgainAfterEachRestore() {
        JsonNode variables = root().path("Globals").path("Function").path("Environment").path("Variables");
        assertEquals("custom", variables.path("QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE").asText());
        assertEquals(RestorableCredentials.NAME, variables.path("QUARKUS_DYNAMODB_AWS_CREDENTIALS_CUSTOM_PROVIDER_NAME").asText());
        assertEquals(RestorableCredentials.NAME, RestorableCredentials.class.getAnnotation(Named.class).value());
    }

    /** The parameters' defaults are settings Janela starts with (a close-after under 24h, a rate EventBridge takes). */
    @Test
    void everyFunctionStartsWithTheTemplatesDefaults() {
        for (String id : functions().keySet()) {
            JanelaConfig settings = deployedSettings(id);
            SweepRuleProducer.checked(settings);
            assertEquals(Duration.ofMinutes(30), settings.window().expiringLead(), id);
            assertEquals("ContactsTable", settings.tables().contacts(), id);
        }
        JanelaConfig sweep = deployedSettings("SweepFunction");
        assertEquals(Duration.ofHours(23), sweep.sweep().closeAfter());
        assertEquals("rate(1 minute)", sweep.sweep().rate());
        assertTrue(sweep.sweep().closingMessage().isEmpty(), "an empty SweepClosingMessage sends none");
        assertTrue(sweep.sweep().expiringNudge().isEmpty(), "an empty SweepExpiringNudge sends none");
        assertEquals(Duration.ofHours(23), deployedSettings("DeskFunction").sweep().closeAfter());
    }

    @Test
    void everyJanelaVariableTheTemplateSetsIsASetting() {
        Set<String> settings = settingVariables(JanelaConfig.class, "JANELA");
        assertTrue(settings.containsAll(Set.of("JANELA_SWEEP_RATE", "JANELA_META_ACCESS_TOKEN", "JANELA_LOCAL_DATA_DIR")),
                settings.toString());
        Set<String> unknown = new TreeSet<>();
        List<JsonNode> environments = new ArrayList<>(functions().values().stream()
                .map(properties -> properties.path("Environment").path("Variables")).toList());
        environments.add(root().path("Globals").path("Function").path("Environment").path("Variables"));
        for (JsonNode variables : environments) {
            fieldNames(variables).stream()
                    .filter(name -> name.startsWith("JANELA_") && !settings.contains(name))
                    .forEach(unknown::add);
        }
        assertEquals(Set.of(), unknown);
    }

    private static Map<String, JsonNode> contactIndexes() {
        Map<String, JsonNode> indexes = new java.util.TreeMap<>();
        TEMPLATE.tables().get("ContactsTable").path("GlobalSecondaryIndexes")
                .forEach(index -> indexes.put(index.path("IndexName").asText(), index));
        return indexes;
    }

    /**
     * The sweeper reads due tickets and scheduled closes in deadline order, and only those. A contact's
     * key names no phone, so each row also carries the contact's business number (phoneNumberId): the
     * row's partition key and it name the contact, and it never changes, so projecting it costs no write.
     */
    @Test
    void theSweepersIndexesAreOrderedByDeadlineAndHoldOnlyWhatItReads() {
        Map<String, JsonNode> indexes = contactIndexes();
        JsonNode due = indexes.get("DueTickets");
        assertEquals("dueShard HASH, dueAt RANGE", keySchema(due));
        assertEquals("INCLUDE", due.path("Projection").path("ProjectionType").asText());
        assertEquals(List.of("phoneNumberId", "lastInboundAt", "expiringFor"),
                textList(due.path("Projection").path("NonKeyAttributes")));
        JsonNode scheduled = indexes.get("ScheduledCloses");
        assertEquals("closeShard HASH, closeAt RANGE", keySchema(scheduled));
        assertEquals("INCLUDE", scheduled.path("Projection").path("ProjectionType").asText());
        assertEquals(List.of("phoneNumberId"), textList(scheduled.path("Projection").path("NonKeyAttributes")));
        Map<String, String> types = new HashMap<>();
        TEMPLATE.tables().get("ContactsTable").path("AttributeDefinitions")
                .forEach(attribute -> types.put(attribute.path("AttributeName").asText(), attribute.path("AttributeType").asText()));
        assertEquals("N", types.get("dueAt"));
        assertEquals("N", types.get("closeAt"));
    }

    /** assign reads a queue oldest first and then the tickets themselves: the rows hold keys and the business number only. */
    @Test
    void theWaitingTicketsIndexIsOrderedByQueueTimeAndHoldsOnlyWhatAssignReads() {
        JsonNode waiting = contactIndexes().get("WaitingTickets");
        assertEquals("waiting HASH, queuedAt RANGE", keySchema(waiting));
        assertEquals("INCLUDE", waiting.path("Projection").path("ProjectionType").asText());
        assertEquals(List.of("phoneNumberId"), textList(waiting.path("Projection").path("NonKeyAttributes")));
    }

    /**
     * Every index costs a write on every item it holds: each one is read by some function's policy.
     * (Tickets are found by id without an index: a ticket id carries its contact's key.)
     */
    @Test
    void everyIndexOfTheContactsTableIsReadBySomeFunction() {
        Set<String> queried = new TreeSet<>();
        functions().values().forEach(properties -> properties.path("Policies").forEach(policy ->
                policy.path("Statement").forEach(statement -> statement.path("Resource").forEach(resource ->
                        queried.add(resource.path("Fn::Sub").asText())))));
        Set<String> unread = new TreeSet<>();
        for (String index : contactIndexes().keySet()) {
            if (!queried.contains("${ContactsTable.Arn}/index/" + index)) {
                unread.add(index);
            }
        }
        assertEquals(Set.of(), unread);
        assertFalse(contactIndexes().containsKey("TicketById"));
    }

    /**
     * assign reads both tables' streams: per-record failures reported back, a bad batch split, a
     * bounded number of retries, and what still fails kept on a queue instead of blocking the shard.
     */
    @Test
    void assignReadsBothStreamsAndKeepsWhatKeepsFailing() {
        JsonNode assign = functions().get("AssignFunction");
        assertEquals(List.of("Tickets", "Agents"), fieldNames(assign.path("Events")));
        Map<String, String> streams = Map.of("Tickets", "ContactsTable", "Agents", "DirectoryTable");
        streams.forEach((name, table) -> {
            JsonNode source = assign.path("Events").path(name);
            assertEquals("DynamoDB", source.path("Type").asText(), name);
            JsonNode properties = source.path("Properties");
            assertEquals(List.of(table, "StreamArn"), textList(properties.path("Stream").path("Fn::GetAtt")), name);
            assertEquals("TRIM_HORIZON", properties.path("StartingPosition").asText(), name);
            assertEquals(List.of("ReportBatchItemFailures"), textList(properties.path("FunctionResponseTypes")), name);
            assertTrue(properties.path("BisectBatchOnFunctionError").asBoolean(), name);
            int retries = properties.path("MaximumRetryAttempts").asInt(-1);
            assertTrue(retries >= 1 && retries <= 10, name + " retries " + retries);
            assertTrue(properties.path("MaximumBatchingWindowInSeconds").asInt(99) <= 1, name);
            assertTrue(properties.path("BatchSize").asInt() >= 1 && properties.path("BatchSize").asInt() <= 100, name);
            assertEquals(List.of("AssignFailuresQueue", "Arn"),
                    textList(properties.path("DestinationConfig").path("OnFailure").path("Destination").path("Fn::GetAtt")), name);
            assertFalse(properties.path("FilterCriteria").path("Filters").isEmpty(), name + " has filters");
            assertEquals("StreamViewType NEW_AND_OLD_IMAGES", "StreamViewType "
                    + TEMPLATE.tables().get(table).path("StreamSpecification").path("StreamViewType").asText(), table);
        });
        JsonNode queue = TEMPLATE.resource("AssignFailuresQueue").orElseThrow();
        assertEquals("AWS::SQS::Queue", queue.path("Type").asText());
        assertEquals(1209600, queue.path("Properties").path("MessageRetentionPeriod").asInt(), "kept the 14 days SQS allows");
    }

    /**
     * The flow handoff pipe runs under a role of its own that may read the contacts table's stream, put
     * events on the flow bus and keep a failed batch on its queue: exactly what its source, target and
     * dead-letter queue need, each on that resource alone, and only the Pipes service of this account
     * may take it on.
     */
    @Test
    void theFlowPipesRoleGrantsItsSourceItsTargetAndItsDeadLetterQueueAndNothingElse() {
        JsonNode pipe = TEMPLATE.resource("FlowHandoffPipe").orElseThrow().path("Properties");
        assertEquals(List.of("FlowHandoffRole", "Arn"), textList(pipe.path("RoleArn").path("Fn::GetAtt")));
        String stream = String.join(".", textList(pipe.path("Source").path("Fn::GetAtt")));
        String bus = pipe.path("Target").path("Fn::Sub").asText();
        JsonNode deadLetters = pipe.path("SourceParameters").path("DynamoDBStreamParameters").path("DeadLetterConfig");
        String queue = String.join(".", textList(deadLetters.path("Arn").path("Fn::GetAtt")));
        Set<String> expected = new TreeSet<>(Set.of("events:PutEvents on " + bus, "sqs:SendMessage on " + queue));
        List.of("DescribeStream", "GetRecords", "GetShardIterator", "ListStreams")
                .forEach(action -> expected.add("dynamodb:" + action + " on " + stream));

        JsonNode role = TEMPLATE.resource("FlowHandoffRole").orElseThrow().path("Properties");
        Set<String> granted = new TreeSet<>();
        role.path("Policies").forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(statement -> {
            assertEquals("Allow", statement.path("Effect").asText());
            statement.path("Action").forEach(action -> statement.path("Resource").forEach(resource -> granted.add(
                    action.asText() + " on " + (resource.has("Fn::Sub") ? resource.path("Fn::Sub").asText()
                            : String.join(".", textList(resource.path("Fn::GetAtt")))))));
        }));
        assertEquals(expected, granted);
        assertEquals("ContactsTable.StreamArn", stream);
        assertEquals("FlowHandoffFailuresQueue.Arn", queue);
        assertEquals(List.of(), textList(role.path("ManagedPolicyArns")));

        JsonNode trust = role.path("AssumeRolePolicyDocument").path("Statement");
        assertEquals(1, trust.size());
        assertEquals("pipes.amazonaws.com", trust.get(0).path("Principal").path("Service").asText());
        assertEquals("AWS::AccountId", trust.get(0).path("Condition").path("StringEquals").path("aws:SourceAccount").path("Ref").asText());
        assertEquals(1209600, TEMPLATE.resource("FlowHandoffFailuresQueue").orElseThrow().path("Properties")
                .path("MessageRetentionPeriod").asInt(), "kept the 14 days SQS allows");
    }

    private static Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new java.util.TreeMap<>();
        root().path("Resources").fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals(type)) {
                found.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return found;
    }

    /** Every metric an alarm reads: "Namespace Metric Dimension=Value,...", a Ref shown as its name. */
    private static Set<String> alarmMetrics(JsonNode alarm) {
        Set<String> metrics = new TreeSet<>();
        List<JsonNode> stats = new ArrayList<>();
        if (alarm.has("MetricName")) {
            stats.add(alarm);
        }
        alarm.path("Metrics").forEach(query -> {
            if (query.has("MetricStat")) {
                stats.add(query.path("MetricStat").path("Metric"));
            }
        });
        for (JsonNode metric : stats) {
            List<String> dimensions = new ArrayList<>();
            metric.path("Dimensions").forEach(dimension -> dimensions.add(dimension.path("Name").asText() + "="
                    + (dimension.path("Value").isTextual() ? dimension.path("Value").asText() : dimension.path("Value").toString())));
            String namespace = metric.path("Namespace").has("Ref") ? "Ref:" + metric.path("Namespace").path("Ref").asText()
                    : metric.path("Namespace").asText();
            metrics.add(namespace + " " + metric.path("MetricName").asText() + " " + String.join(",", dimensions));
        }
        return metrics;
    }

    /**
     * The four alarms the issue asks for, each telling the alarm topic when it fires and when it
     * recovers, each with its missing data treated on purpose: the sweep's lag is written every run, so
     * no data means no sweep ran (breaching); no webhook POST, or an empty queue, is nothing wrong.
     */
    @Test
    void theAlarmsWatchWebhook5xxSweepLagDeadLettersAndQuarantineAndNotifyTheTopic() {
        Map<String, JsonNode> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
        assertEquals(Set.of("WebhookServerErrorsAlarm", "SweepLagAlarm", "DeadLettersAlarm", "QuarantineGrowthAlarm"),
                alarms.keySet());
        Map<String, String> missingData = new java.util.TreeMap<>();
        alarms.forEach((id, alarm) -> {
            assertEquals(List.of("AlarmTopic"), alarm.path("AlarmActions").findValuesAsText("Ref"), id);
            assertEquals(List.of("AlarmTopic"), alarm.path("OKActions").findValuesAsText("Ref"), id);
            missingData.put(id, alarm.path("TreatMissingData").asText());
        });
        assertEquals(Map.of("WebhookServerErrorsAlarm", "notBreaching", "SweepLagAlarm", "breaching",
                "DeadLettersAlarm", "notBreaching", "QuarantineGrowthAlarm", "notBreaching"), missingData);

        assertEquals(Set.of("Ref:MetricsNamespace ServerErrors Function=webhook",
                "AWS/Lambda Errors FunctionName={\"Ref\":\"WebhookFunction\"}"), alarmMetrics(alarms.get("WebhookServerErrorsAlarm")));
        assertEquals(Set.of("Ref:MetricsNamespace SweepLag Function=sweep"), alarmMetrics(alarms.get("SweepLagAlarm")));
        assertEquals("Maximum", alarms.get("SweepLagAlarm").path("Statistic").asText());
        assertEquals("SweepLagAlarmSeconds", alarms.get("SweepLagAlarm").path("Threshold").path("Ref").asText());
        assertEquals(Set.of("Ref:MetricsNamespace UpdatesQuarantined Function=webhook"),
                alarmMetrics(alarms.get("QuarantineGrowthAlarm")));

        Set<String> queues = new TreeSet<>();
        resourcesOfType("AWS::SQS::Queue").keySet().forEach(queue -> queues.add(
                "AWS/SQS ApproximateNumberOfMessagesVisible QueueName={\"Fn::GetAtt\":[\"" + queue + "\",\"QueueName\"]}"));
        assertEquals(queues, alarmMetrics(alarms.get("DeadLettersAlarm")), "every queue of the template is a dead-letter queue");
        assertTrue(queues.size() >= 2, queues.toString());

        JsonNode subscription = TEMPLATE.resource("AlarmEmailSubscription").orElseThrow();
        assertEquals("HasAlarmEmail", subscription.path("Condition").asText(), "no address, no subscription");
        assertEquals("", root().path("Parameters").path("AlarmEmail").path("Default").asText());
    }

    /**
     * The alarms read metrics the code writes: each metric of Janela's namespace an alarm reads comes
     * out of the metrics adapter under that name and function, and every function that writes metrics
     * writes them to the namespace the alarms read, whose default is the setting's.
     */
    @Test
    void theAlarmsReadMetricsTheFunctionsWriteInTheirNamespace() {
        List<String> lines = new ArrayList<>();
        io.janela.adapters.cloudwatch.EmfMetrics metrics = new io.janela.adapters.cloudwatch.EmfMetrics(lines::add,
                java.time.Clock.systemUTC(), "Janela");
        metrics.webhookPost(1, 1, 1, true);
        metrics.send(io.janela.application.Metrics.SendOutcome.REFUSED, java.util.Optional.of("window_closed"));
        metrics.sweep(1, Duration.ofSeconds(1));
        metrics.assignment(1, 1);
        Set<String> written = new TreeSet<>();
        for (String line : lines) {
            JsonNode record = io.janela.support.EmfCapture.check(line);
            record.path("_aws").path("CloudWatchMetrics").forEach(directive -> directive.path("Metrics").forEach(metric ->
                    written.add("Ref:MetricsNamespace " + metric.path("Name").asText() + " Function="
                            + record.path("Function").asText())));
        }
        Set<String> read = new TreeSet<>();
        resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(alarm -> alarmMetrics(alarm).stream()
                .filter(metric -> metric.startsWith("Ref:MetricsNamespace ")).forEach(read::add));
        assertTrue(written.containsAll(read), "read " + read + ", written " + written);
        assertEquals(3, read.size(), read.toString());

        for (String id : List.of("WebhookFunction", "SendFunction", "SweepFunction", "AssignFunction", "CampaignDriverFunction")) {
            assertEquals("MetricsNamespace", functions().get(id).path("Environment").path("Variables")
                    .path("JANELA_METRICS_NAMESPACE").path("Ref").asText(), id);
            assertEquals("Janela", deployedSettings(id).metrics().namespace(), id);
        }
        assertEquals(TestSettings.janela(Map.of()).metrics().namespace(),
                root().path("Parameters").path("MetricsNamespace").path("Default").asText());
    }

    /**
     * The two scheduled functions keep what they could not do: a run EventBridge could not hand to
     * Lambda (a few tries, then the queue) and a run that failed or waited too long to start (no retry:
     * the next scheduled run does the same work). Only their two schedules may write to the queue.
     */
    @Test
    void theScheduledFunctionsKeepWhatTheyCouldNotDoOnADeadLetterQueue() {
        Map<String, String> schedules = Map.of("SweepFunction", "Sweep", "CampaignDriverFunction", "Drive");
        List<String> rules = new ArrayList<>();
        schedules.forEach((id, event) -> {
            JsonNode function = functions().get(id);
            JsonNode schedule = function.path("Events").path(event).path("Properties");
            assertEquals(List.of("ScheduledFailuresQueue", "Arn"), textList(schedule.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt")), id);
            int tries = schedule.path("RetryPolicy").path("MaximumRetryAttempts").asInt(-1);
            assertTrue(tries >= 1 && tries <= 5, id + " " + tries);
            assertTrue(schedule.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt() <= 600, id);
            JsonNode invoke = function.path("EventInvokeConfig");
            assertEquals(0, invoke.path("MaximumRetryAttempts").asInt(-1), id);
            assertEquals("SQS", invoke.path("DestinationConfig").path("OnFailure").path("Type").asText(), id);
            assertEquals(List.of("ScheduledFailuresQueue", "Arn"),
                    textList(invoke.path("DestinationConfig").path("OnFailure").path("Destination").path("Fn::GetAtt")), id);
            rules.add(id + event);
        });
        JsonNode policy = TEMPLATE.resource("ScheduledFailuresQueuePolicy").orElseThrow().path("Properties");
        assertEquals("ScheduledFailuresQueue", policy.path("Queues").get(0).path("Ref").asText());
        JsonNode statements = policy.path("PolicyDocument").path("Statement");
        assertEquals(1, statements.size());
        JsonNode statement = statements.get(0);
        assertEquals("events.amazonaws.com", statement.path("Principal").path("Service").asText());
        assertEquals("sqs:SendMessage", statement.path("Action").asText());
        List<String> allowed = new ArrayList<>();
        statement.path("Condition").path("ArnEquals").path("aws:SourceArn")
                .forEach(source -> allowed.add(source.path("Fn::GetAtt").get(0).asText()));
        assertEquals(new TreeSet<>(rules), new TreeSet<>(allowed), "SAM names a schedule's rule <function><event>");
        assertEquals(1209600, TEMPLATE.resource("ScheduledFailuresQueue").orElseThrow().path("Properties")
                .path("MessageRetentionPeriod").asInt());
    }

    /**
     * The sweeper and the campaign driver run one at a time (reserved concurrency 1), unless the
     * account cannot reserve any (a new account's quota of 10): then a parameter turns it off.
     */
    @Test
    void theSweeperAndTheCampaignDriverRunOneAtATimeUnlessTheAccountCannotReserve() {
        for (String id : List.of("SweepFunction", "CampaignDriverFunction")) {
            JsonNode reserved = functions().get(id).path("ReservedConcurrentExecutions").path("Fn::If");
            assertEquals("ReservesScheduledConcurrency", reserved.get(0).asText(), id);
            assertEquals(1, reserved.get(1).asInt(), id);
            assertEquals("AWS::NoValue", reserved.get(2).path("Ref").asText(), id);
        }
        List<String> reserving = functions().entrySet().stream()
                .filter(function -> function.getValue().has("ReservedConcurrentExecutions")).map(Map.Entry::getKey).toList();
        assertEquals(List.of("CampaignDriverFunction", "SweepFunction"), reserving);
        JsonNode condition = root().path("Conditions").path("ReservesScheduledConcurrency").path("Fn::Equals");
        assertEquals("ReserveScheduledConcurrency", condition.get(0).path("Ref").asText());
        assertEquals("true", condition.get(1).asText());
        assertEquals("true", root().path("Parameters").path("ReserveScheduledConcurrency").path("Default").asText());
    }

    /** The desk's records outlive the stack: deleting or replacing it, or a stray DeleteTable, leaves both tables. */
    @Test
    void bothTablesAreRetainedAndProtectedFromDeletion() {
        for (String id : TEMPLATE.tables().keySet()) {
            JsonNode table = TEMPLATE.resource(id).orElseThrow();
            assertEquals("Retain", table.path("DeletionPolicy").asText(), id);
            assertEquals("Retain", table.path("UpdateReplacePolicy").asText(), id);
            assertTrue(table.path("Properties").path("DeletionProtectionEnabled").asBoolean(false), id);
            assertTrue(table.path("Properties").path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled")
                    .asBoolean(false), id);
        }
    }

    /**
     * Every route is throttled by parameters, and every request leaves one JSON access-log line made
     * only of gateway facts that name nobody: the route key, never the path (agents' e-mails, customers'
     * phones and user ids), no source IP, user agent or JWT claim.
     */
    @Test
    void theHttpApiThrottlesEveryRouteAndLogsEachRequestWithoutPersonalData() throws Exception {
        JsonNode api = TEMPLATE.resource("HttpApi").orElseThrow().path("Properties");
        JsonNode throttle = api.path("DefaultRouteSettings");
        assertEquals("ApiRateLimit", throttle.path("ThrottlingRateLimit").path("Ref").asText());
        assertEquals("ApiBurstLimit", throttle.path("ThrottlingBurstLimit").path("Ref").asText());
        JsonNode parameters = root().path("Parameters");
        assertTrue(parameters.path("ApiRateLimit").path("Default").asInt() >= 80, "Meta's pace, at least");
        assertTrue(parameters.path("ApiBurstLimit").path("Default").asInt() >= parameters.path("ApiRateLimit").path("Default").asInt());

        JsonNode logs = api.path("AccessLogSettings");
        assertEquals(List.of("ApiAccessLogGroup", "Arn"), textList(logs.path("DestinationArn").path("Fn::GetAtt")));
        assertEquals("LogRetentionDays", TEMPLATE.resource("ApiAccessLogGroup").orElseThrow().path("Properties")
                .path("RetentionInDays").path("Ref").asText());
        JsonNode format = new com.fasterxml.jackson.databind.ObjectMapper().readTree(logs.path("Format").asText());
        Set<String> variables = new TreeSet<>();
        format.fields().forEachRemaining(field -> {
            assertTrue(field.getValue().asText().matches("\\$context\\.[A-Za-z.]+"), "one variable per field: " + field);
            variables.add(field.getValue().asText());
        });
        Set<String> nameNobody = Set.of("$context.requestId", "$context.requestTimeEpoch", "$context.routeKey", "$context.status",
                "$context.responseLength", "$context.responseLatency", "$context.integrationLatency", "$context.integrationStatus",
                "$context.integrationErrorMessage", "$context.error.message", "$context.authorizer.error", "$context.protocol");
        assertTrue(nameNobody.containsAll(variables), "only gateway facts that name nobody: " + variables);
        assertTrue(variables.containsAll(Set.of("$context.routeKey", "$context.status", "$context.requestId")), variables.toString());
    }

    @Test
    void policiesNameTheirActionsAndTables() {
        List<String> offences = new ArrayList<>();
        functions().forEach((id, properties) -> properties.path("Policies").forEach(policy ->
                policy.path("Statement").forEach(statement -> {
                    statement.path("Action").forEach(action -> {
                        if (action.asText().contains("*")) {
                            offences.add(id + " allows " + action.asText());
                        }
                    });
                    statement.path("Resource").forEach(resource -> {
                        if (resource.isTextual() && resource.asText().contains("*")) {
                            offences.add(id + " on " + resource.asText());
                        }
                    });
                })));
        assertEquals(List.of(), offences);
    }

    /**
     * Nothing reads a whole table, and items are deleted only where that is the design: the campaign
     * driver takes a finished campaign off the list of those sending, and the desk deletes a
     * quarantined webhook update an administrator has seen to (DELETE /quarantine/{id}), in the
     * directory's QUARANTINE partition and nowhere else. Nothing deletes from the contacts table:
     * contacts' records are kept, and TTL cleans up what expires.
     */
    @Test
    void nothingScansAndDeletesAreOnlyWhereDesigned() {
        Set<String> deletes = new TreeSet<>();
        functions().forEach((id, properties) -> {
            String policies = properties.path("Policies").toString();
            assertFalse(policies.contains("Scan"), id + ": " + policies);
            properties.path("Policies").forEach(policy -> policy.path("Statement").forEach(statement -> {
                JsonNode leadingKeys = statement.path("Condition").path("ForAllValues:StringEquals").path("dynamodb:LeadingKeys");
                String within = leadingKeys.isArray() ? " within " + textList(leadingKeys) : "";
                textList(statement.path("Action")).stream().filter(action -> action.contains("Delete"))
                        .forEach(action -> statement.path("Resource").forEach(resource -> deletes.add(id + " " + action
                                + " on " + resource.path("Fn::GetAtt").get(0).asText() + within)));
            }));
        });
        assertEquals(Set.of(
                "CampaignDriverFunction dynamodb:DeleteItem on DirectoryTable",
                "DeskFunction dynamodb:DeleteItem on DirectoryTable within [QUARANTINE]"), deletes);
    }

    @Test
    void everyRouteButTheWebhookNeedsTheDesksJwt() {
        JsonNode auth = TEMPLATE.resource("HttpApi").orElseThrow().path("Properties").path("Auth");
        assertEquals("DeskJwt", auth.path("DefaultAuthorizer").asText());
        JsonNode jwt = auth.path("Authorizers").path("DeskJwt").path("JwtConfiguration");
        assertEquals("AuthIssuer", jwt.path("issuer").path("Ref").asText());
        assertEquals("AuthAudience", jwt.path("audience").get(0).path("Ref").asText());
        JsonNode pageClient = jwt.path("audience").get(1).path("Fn::If");
        assertEquals(List.of("CreatesDeskPageClient", "DeskPageClient", "AWS::NoValue"), List.of(pageClient.get(0).asText(),
                pageClient.get(1).path("Ref").asText(), pageClient.get(2).path("Ref").asText()),
                "the desk page's own app client, when the stack creates one, is the only other audience");
        List<String> open = new ArrayList<>();
        functions().forEach((id, properties) -> properties.path("Events").forEach(event -> {
            if (event.path("Type").asText().equals("HttpApi")
                    && event.path("Properties").path("Auth").path("Authorizer").asText().equals("NONE")) {
                open.add(event.path("Properties").has("Path")
                        ? event.path("Properties").path("Method").asText() + " " + event.path("Properties").path("Path").asText()
                        : "$default");
            }
        }));
        // $default answers only 404 no_route / 405 method_not_allowed / an OPTIONS 204, from infra/openapi.yaml
        assertEquals(List.of("$default", "GET /webhook", "POST /webhook"), open.stream().sorted().toList());
    }

    /**
     * The desk page's files sit in a private, encrypted bucket that only its CloudFront distribution
     * reads (origin access control, TLS only), and the HTTP API lets that one origin call it.
     */
    @Test
    void theDeskPageIsServedFromAPrivateBucketThatOnlyItsDistributionReads() {
        JsonNode bucket = TEMPLATE.resource("DeskPageBucket").orElseThrow().path("Properties");
        JsonNode blocked = bucket.path("PublicAccessBlockConfiguration");
        for (String block : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(blocked.path(block).asBoolean(), block);
        }
        assertEquals("AES256", bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText());
        assertTrue(bucket.path("WebsiteConfiguration").isMissingNode(), "no public website endpoint");

        JsonNode statements = TEMPLATE.resource("DeskPageBucketPolicy").orElseThrow().path("Properties")
                .path("PolicyDocument").path("Statement");
        JsonNode reads = statements.get(0);
        assertEquals("Allow", reads.path("Effect").asText());
        assertEquals("cloudfront.amazonaws.com", reads.path("Principal").path("Service").asText());
        assertEquals("s3:GetObject", reads.path("Action").asText());
        assertTrue(reads.path("Condition").path("StringEquals").path("AWS:SourceArn").path("Fn::Sub").asText()
                .endsWith(":distribution/${DeskPageDistribution}"), "only this distribution");
        assertEquals("Deny", statements.get(1).path("Effect").asText());
        assertEquals("false", statements.get(1).path("Condition").path("Bool").path("aws:SecureTransport").asText());
        assertEquals(2, statements.size());

        JsonNode distribution = TEMPLATE.resource("DeskPageDistribution").orElseThrow().path("Properties")
                .path("DistributionConfig");
        JsonNode origin = distribution.path("Origins").get(0);
        assertEquals(List.of("DeskPageOriginAccessControl", "Id"), textList(origin.path("OriginAccessControlId").path("Fn::GetAtt")));
        assertEquals("", origin.path("S3OriginConfig").path("OriginAccessIdentity").asText("not empty"));
        assertEquals("redirect-to-https", distribution.path("DefaultCacheBehavior").path("ViewerProtocolPolicy").asText());
        assertEquals("DeskPageHeaders", distribution.path("DefaultCacheBehavior").path("ResponseHeadersPolicyId").path("Ref").asText());

        JsonNode cors = TEMPLATE.resource("HttpApi").orElseThrow().path("Properties").path("CorsConfiguration");
        assertEquals(List.of("https://${DeskPageDistribution.DomainName}"),
                List.of(cors.path("AllowOrigins").get(0).path("Fn::Sub").asText()), "the page's origin, and no other");
        assertEquals(1, cors.path("AllowOrigins").size());
        assertEquals(List.of("authorization", "content-type"), textList(cors.path("AllowHeaders")));
        assertTrue(cors.path("AllowCredentials").isMissingNode(), "bearer tokens, no cookies");
    }

    /** The page signs agents in with the code flow and PKCE, as a public client: no secret in a browser. */
    @Test
    void theDeskPagesAppClientUsesTheCodeFlowWithoutASecret() {
        JsonNode client = TEMPLATE.resource("DeskPageClient").orElseThrow();
        assertEquals("CreatesDeskPageClient", client.path("Condition").asText());
        JsonNode properties = client.path("Properties");
        assertEquals("DeskUserPoolId", properties.path("UserPoolId").path("Ref").asText());
        assertFalse(properties.path("GenerateSecret").asBoolean(true), "a public client");
        assertEquals(List.of("code"), textList(properties.path("AllowedOAuthFlows")));
        assertTrue(textList(properties.path("AllowedOAuthScopes")).containsAll(List.of("openid", "email")), "the ID token names the agent");
        assertEquals(List.of("https://${DeskPageDistribution.DomainName}/desk/"),
                List.of(properties.path("CallbackURLs").get(0).path("Fn::Sub").asText()));
        assertEquals(List.of("ALLOW_REFRESH_TOKEN_AUTH"), textList(properties.path("ExplicitAuthFlows")),
                "no password or SRP flow beside the hosted sign-in");
        String config = root().path("Outputs").path("DeskPageConfig").path("Value").path("Fn::Sub").get(0).asText();
        for (String field : List.of("\"mode\":\"oidc\"", "\"api\":", "\"issuer\":\"${AuthIssuer}\"", "\"clientId\":\"${ClientId}\"",
                "\"redirectUri\":\"https://${DeskPageDistribution.DomainName}/desk/\"")) {
            assertTrue(config.contains(field), "config.json has " + field);
        }
    }

    @Test
    void theCampaignDriverRunsOnASchedule() {
        JsonNode driver = functions().get("CampaignDriverFunction");
        JsonNode drive = driver.path("Events").path("Drive");
        assertEquals("Schedule", drive.path("Type").asText());
        assertEquals("CampaignDriveRate", drive.path("Properties").path("Schedule").path("Ref").asText());
        // a run stops sending after its batch time and must finish before the function's timeout
        assertTrue(driver.path("Timeout").asInt() >= 60, driver.toString());
        assertEquals("40S", driver.path("Environment").path("Variables").path("JANELA_CAMPAIGNS_BATCH_TIME").asText());
    }

    @Test
    void everyFunctionLogsToAGroupWithRetention() {
        for (String id : functions().keySet()) {
            JsonNode group = TEMPLATE.resource(id.replace("Function", "LogGroup")).orElseThrow();
            assertEquals("AWS::Logs::LogGroup", group.path("Type").asText());
            assertEquals("/aws/lambda/${" + id + "}", group.path("Properties").path("LogGroupName").path("Fn::Sub").asText());
            assertEquals("LogRetentionDays", group.path("Properties").path("RetentionInDays").path("Ref").asText());
        }
    }

    /**
     * Meta's credentials live in one Secrets Manager secret the stack creates, never in template
     * parameters or plain environment variables. It starts with a generated verify token and the
     * other two empty (keys present), so functions start before the team fills it in.
     */
    @Test
    void metaCredentialsComeFromOneSecretTheStackCreates() {
        JsonNode secret = TEMPLATE.resource("MetaSecret").orElseThrow();
        assertEquals("AWS::SecretsManager::Secret", secret.path("Type").asText());
        JsonNode generated = secret.path("Properties").path("GenerateSecretString");
        assertEquals("verifyToken", generated.path("GenerateStringKey").asText());
        JsonNode template = readJson(generated.path("SecretStringTemplate").asText());
        assertEquals(List.of("appSecret", "accessToken"), fieldNames(template));
        template.forEach(value -> assertEquals("", value.asText(), "filled in by the team after the deploy"));
        assertTrue(secret.path("Properties").path("SecretString").isMissingNode(), "no secret value in the template");
        assertTrue(secret.path("Properties").path("KmsKeyId").isMissingNode(), "the aws/secretsmanager key: no KMS grants");

        List<String> parameters = fieldNames(root().path("Parameters"));
        assertTrue(parameters.stream().noneMatch(name -> name.startsWith("MetaAppSecret") || name.startsWith("MetaVerifyToken")
                || name.startsWith("MetaAccessToken")), parameters.toString());
        functions().forEach((id, properties) -> {
            JsonNode variables = properties.path("Environment").path("Variables");
            for (String plain : List.of("JANELA_META_APP_SECRET", "JANELA_META_VERIFY_TOKEN", "JANELA_META_ACCESS_TOKEN")) {
                assertTrue(variables.path(plain).isMissingNode(), id + " sets " + plain);
            }
        });
        assertEquals("MetaSecret", root().path("Outputs").path("MetaSecretArn").path("Value").path("Ref").asText());
    }

    /**
     * The functions that use a Meta credential name the secret and may read it, and no other: the
     * webhook (app secret, verify token) and every function that sends (the access token). Each may
     * read that one secret and do nothing else with Secrets Manager.
     */
    @Test
    void onlyTheFunctionsUsingMetasCredentialsNameTheSecretAndMayReadIt() {
        Set<String> naming = new TreeSet<>();
        Set<String> reading = new TreeSet<>();
        functions().forEach((id, properties) -> {
            JsonNode secretId = properties.path("Environment").path("Variables").path("JANELA_META_SECRET_ID");
            if (!secretId.isMissingNode()) {
                assertEquals("MetaSecret", secretId.path("Ref").asText(), id);
                naming.add(id);
            }
            properties.path("Policies").forEach(policy -> policy.path("Statement").forEach(statement -> {
                List<String> secretActions = textList(statement.path("Action")).stream()
                        .filter(action -> action.startsWith("secretsmanager:")).toList();
                if (!secretActions.isEmpty()) {
                    assertEquals(List.of("secretsmanager:GetSecretValue"), textList(statement.path("Action")), id);
                    assertEquals(1, statement.path("Resource").size(), id);
                    assertEquals("MetaSecret", statement.path("Resource").get(0).path("Ref").asText(), id);
                    assertTrue(statement.path("Condition").isMissingNode(), id);
                    reading.add(id);
                }
            }));
        });
        Set<String> usingMeta = Set.of("WebhookFunction", "DeskFunction", "SendFunction", "CampaignDriverFunction", "SweepFunction");
        assertEquals(usingMeta, naming);
        assertEquals(usingMeta, reading);
        assertEquals(Optional.of("MetaSecret"), deployedSettings("SendFunction").meta().secretId());
        assertEquals(Optional.empty(), deployedSettings("AssignFunction").meta().secretId());
    }

    /** Which claim names an administrator is the team's choice at deploy time; the defaults are Janela's. */
    @Test
    void theDesksAdministratorsAreNamedByTemplateParameters() {
        JsonNode variables = functions().get("DeskFunction").path("Environment").path("Variables");
        assertEquals("AdminClaim", variables.path("JANELA_ROLES_ADMIN_CLAIM").path("Ref").asText());
        assertEquals("AdminGroup", variables.path("JANELA_ROLES_ADMIN_GROUP").path("Ref").asText());
        JanelaConfig.Roles deployed = deployedSettings("DeskFunction").roles();
        JanelaConfig.Roles defaults = TestSettings.janela(Map.of()).roles();
        assertEquals("cognito:groups", deployed.adminClaim());
        assertEquals("janela-admins", deployed.adminGroup());
        assertEquals(defaults.adminClaim(), deployed.adminClaim());
        assertEquals(defaults.adminGroup(), deployed.adminGroup());
    }

    @Test
    void tablesAreOnDemandWithTtl() {
        TEMPLATE.tables().forEach((id, table) -> {
            assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText(), id);
            assertEquals("expiresAt", table.path("TimeToLiveSpecification").path("AttributeName").asText(), id);
        });
        assertEquals(Set.of("ContactsTable", "DirectoryTable"), TEMPLATE.tables().keySet());
    }

    private static JsonNode root() {
        try (var in = SamTemplateTest.class.getClassLoader().getResourceAsStream(SamTemplate.RESOURCE)) {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> textList(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }

    private static String keySchema(JsonNode index) {
        List<String> keys = new ArrayList<>();
        index.path("KeySchema").forEach(key -> keys.add(key.path("AttributeName").asText() + " " + key.path("KeyType").asText()));
        return String.join(", ", keys);
    }

    /**
     * The settings a function starts with once deployed: the Globals' and its own environment,
     * each parameter at its default and each resource at its logical id.
     */
    private static JanelaConfig deployedSettings(String function) {
        Map<String, String> environment = new HashMap<>();
        List<JsonNode> sources = List.of(root().path("Globals").path("Function").path("Environment").path("Variables"),
                functions().get(function).path("Environment").path("Variables"));
        for (JsonNode variables : sources) {
            variables.fields().forEachRemaining(variable -> environment.put(variable.getKey(), resolved(variable.getValue())));
        }
        return TestSettings.janelaFromEnvironment(environment);
    }

    private static String resolved(JsonNode value) {
        if (!value.has("Ref")) {
            return value.asText();
        }
        String ref = value.path("Ref").asText();
        JsonNode parameter = root().path("Parameters").path(ref);
        return parameter.isMissingNode() ? ref : parameter.path("Default").asText();
    }

    /** Every janela.* setting, as the environment variable that sets it ({@code JANELA_SWEEP_CLOSE_AFTER}). */
    private static Set<String> settingVariables(Class<?> group, String prefix) {
        Set<String> variables = new TreeSet<>();
        for (Method setting : group.getDeclaredMethods()) {
            if (setting.isDefault() || Modifier.isStatic(setting.getModifiers())) {
                continue;
            }
            String name = prefix + "_" + setting.getName().replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
            Class<?> type = setting.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == JanelaConfig.class) {
                variables.addAll(settingVariables(type, name));
            } else {
                variables.add(name);
            }
        }
        return variables;
    }
}
