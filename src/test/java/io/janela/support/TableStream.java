package io.janela.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A test table's DynamoDB stream as Lambda would deliver it, turned on as it opens if it is off (the
 * whole suite makes its tables without their streams): the records DynamoDB Local wrote since, read
 * with the Streams API and rendered in the JSON of Lambda's DynamoDB event ({@code Records[]} with
 * {@code dynamodb.Keys/NewImage/OldImage} in DynamoDB JSON). Each call returns the records written
 * since the previous one.
 */
public final class TableStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> lastSequenceByShard = new HashMap<>();

    public TableStream(String table) {
        this.streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(TestDynamo.endpoint()))
                .region(Region.of(TestDynamo.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestDynamo.ACCESS_KEY, TestDynamo.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        TestDynamo.turnStreamOn(table);
        try (DynamoDbClient dynamo = TestDynamo.client()) {
            this.streamArn = dynamo.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        }
        if (streamArn == null) {
            throw new IllegalStateException("table " + table + " has no stream");
        }
    }

    /** Starts from now: the records written so far are passed over. */
    public TableStream skipToEnd() {
        next();
        return this;
    }

    /** The records written since the last call (all of them, the first time), oldest first. */
    public List<ObjectNode> next() {
        List<ObjectNode> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(request -> request.streamArn(streamArn)).streamDescription().shards()) {
            String after = lastSequenceByShard.get(shard.shardId());
            String iterator = streams.getShardIterator(request -> {
                request.streamArn(streamArn).shardId(shard.shardId());
                if (after == null) {
                    request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                } else {
                    request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
                }
            }).shardIterator();
            while (iterator != null) {
                String from = iterator;
                GetRecordsResponse page = streams.getRecords(request -> request.shardIterator(from));
                if (page.records().isEmpty()) {
                    break;
                }
                for (Record record : page.records()) {
                    records.add(lambdaRecord(record));
                    lastSequenceByShard.put(shard.shardId(), record.dynamodb().sequenceNumber());
                }
                iterator = page.nextShardIterator();
            }
        }
        return records;
    }

    /** Lambda's event around the records: {@code {"Records":[...]}}. */
    public static String event(List<? extends JsonNode> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        return event.toString();
    }

    private ObjectNode lambdaRecord(Record record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("eventID", record.eventID());
        node.put("eventName", record.eventNameAsString());
        node.put("eventVersion", record.eventVersion());
        node.put("eventSource", record.eventSource());
        node.put("awsRegion", record.awsRegion());
        ObjectNode change = node.putObject("dynamodb");
        if (record.dynamodb().approximateCreationDateTime() != null) {
            change.put("ApproximateCreationDateTime", record.dynamodb().approximateCreationDateTime().getEpochSecond());
        }
        change.set("Keys", image(record.dynamodb().keys()));
        if (record.dynamodb().hasNewImage()) {
            change.set("NewImage", image(record.dynamodb().newImage()));
        }
        if (record.dynamodb().hasOldImage()) {
            change.set("OldImage", image(record.dynamodb().oldImage()));
        }
        change.put("SequenceNumber", record.dynamodb().sequenceNumber());
        change.put("SizeBytes", record.dynamodb().sizeBytes());
        change.put("StreamViewType", record.dynamodb().streamViewTypeAsString());
        node.put("eventSourceARN", streamArn);
        return node;
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode image = JSON.createObjectNode();
        item.forEach((name, value) -> image.set(name, typed(value)));
        return image;
    }

    /** One attribute in DynamoDB JSON, as Lambda's event carries it. */
    private static ObjectNode typed(AttributeValue value) {
        ObjectNode typed = JSON.createObjectNode();
        switch (value.type()) {
            case S -> typed.put("S", value.s());
            case N -> typed.put("N", value.n());
            case B -> typed.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> typed.put("BOOL", value.bool());
            case NUL -> typed.put("NULL", true);
            case SS -> value.ss().forEach(typed.putArray("SS")::add);
            case NS -> value.ns().forEach(typed.putArray("NS")::add);
            case BS -> {
                ArrayNode set = typed.putArray("BS");
                value.bs().forEach(bytes -> set.add(Base64.getEncoder().encodeToString(bytes.asByteArray())));
            }
            case L -> {
                ArrayNode list = typed.putArray("L");
                value.l().forEach(element -> list.add(typed(element)));
            }
            case M -> typed.set("M", image(value.m()));
            default -> throw new IllegalArgumentException("an attribute of an unknown type: " + value);
        }
        return typed;
    }

    @Override
    public void close() {
        streams.close();
    }
}
