package io.janela.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.dynamodb.DynamoContactStore;
import io.janela.adapters.dynamodb.DynamoCampaignStore;
import io.janela.adapters.dynamodb.DynamoDirectoryStore;
import io.janela.adapters.dynamodb.DynamoOutboundLog;
import io.janela.adapters.meta.WebhookParser;
import io.janela.application.CampaignProgress;
import io.janela.application.MetaFailures;
import io.janela.application.StreamAssignmentTrigger;
import io.janela.application.WebhookIngest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The real parser, ingest service and DynamoDB stores, wired by hand on fresh tables. */
public final class IngestHarness implements AutoCloseable {

    public final TestDynamo.Tables tables;
    public final DynamoDbClient dynamo;
    public final DynamoContactStore contacts;
    public final DynamoDirectoryStore directory;
    public final DynamoOutboundLog outbound;
    public final DynamoCampaignStore campaigns;
    private final WebhookParser parser = new WebhookParser(new ObjectMapper());
    private final WebhookIngest ingest;
    private final Clock clock;

    public IngestHarness(Clock clock, ExecutionInterceptor... interceptors) {
        this(TestDynamo.freshTables(), clock, interceptors);
    }

    /** Another client (with other interceptors) on the same tables. */
    public IngestHarness(TestDynamo.Tables tables, Clock clock, ExecutionInterceptor... interceptors) {
        this.tables = tables;
        this.clock = clock;
        this.dynamo = TestDynamo.client(interceptors);
        this.contacts = new DynamoContactStore(dynamo, tables.contacts(), tables.directory());
        this.directory = new DynamoDirectoryStore(dynamo, tables.directory());
        this.outbound = new DynamoOutboundLog(dynamo, tables.contacts());
        this.campaigns = new DynamoCampaignStore(dynamo, tables.directory());
        this.ingest = new WebhookIngest(contacts, directory, new MetaFailures(contacts, outbound, directory),
                new CampaignProgress(campaigns), new StreamAssignmentTrigger(), clock);
    }

    public void deliver(MetaPayloads payload) {
        deliver(payload.bytes());
    }

    public void deliver(byte[] body) {
        ingest.apply(parser.parse(body, clock.instant()));
    }

    /** One item of a contact's partition, read consistently (empty when there is none). */
    public Map<String, AttributeValue> contactItem(String waId, String sortKey) {
        return dynamo.getItem(request -> request.tableName(tables.contacts()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("C#" + MetaPayloads.PHONE_NUMBER_ID + "#" + waId),
                "sk", AttributeValue.fromS(sortKey)))).item();
    }

    public List<String> contactsState() {
        return TableSnapshot.of(dynamo, tables.contacts());
    }

    public List<String> directoryState() {
        return TableSnapshot.of(dynamo, tables.directory());
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
