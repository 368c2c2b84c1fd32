package io.janela.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.dynamodb.DynamoContactStore;
import io.janela.adapters.dynamodb.DynamoCampaignStore;
import io.janela.adapters.dynamodb.DynamoDirectoryStore;
import io.janela.adapters.dynamodb.DynamoOutboundLog;
import io.janela.adapters.meta.WebhookParser;
import io.janela.application.CampaignProgress;
import io.janela.application.MetaFailures;
import io.janela.application.WebhookIngest;
import java.time.Clock;
import java.util.List;
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
                new CampaignProgress(campaigns), clock);
    }

    public void deliver(MetaPayloads payload) {
        deliver(payload.bytes());
    }

    public void deliver(byte[] body) {
        ingest.apply(parser.parse(body, clock.instant()));
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
