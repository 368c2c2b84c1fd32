package io.janela.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.adapters.dynamodb.DynamoIdentityStore;
import io.janela.adapters.dynamodb.DynamoContactStore;
import io.janela.adapters.dynamodb.DynamoQuarantineStore;
import io.janela.adapters.dynamodb.DynamoCampaignStore;
import io.janela.adapters.dynamodb.DynamoDirectoryStore;
import io.janela.adapters.dynamodb.DynamoOutboundStore;
import io.janela.functions.webhook.WebhookParser;
import io.janela.application.assignment.StreamAssignmentTrigger;
import io.janela.application.campaign.CampaignProgress;
import io.janela.application.contacts.ContactKeys;
import io.janela.application.contacts.ContactResolver;
import io.janela.application.ingest.PipeFlowHandoff;
import io.janela.application.ingest.WebhookBatch;
import io.janela.application.ingest.WebhookIngest;
import io.janela.application.outbound.MetaFailures;
import java.time.Clock;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
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
    public final DynamoOutboundStore outbound;
    public final DynamoCampaignStore campaigns;
    public final DynamoIdentityStore identities;
    public final ContactResolver resolver;
    public final DynamoQuarantineStore quarantine;
    private final WebhookParser parser = new WebhookParser(new ObjectMapper());
    private final WebhookIngest ingest;
    private final Clock clock;

    public IngestHarness(Clock clock, ExecutionInterceptor... interceptors) {
        this(TestDynamo.freshTables(), clock, interceptors);
    }

    /** Another client (with other interceptors) on the same tables. */
    public IngestHarness(TestDynamo.Tables tables, Clock clock, ExecutionInterceptor... interceptors) {
        this(tables, clock, 8, new DerivedContactKeys(), interceptors);
    }

    /**
     * {@code concurrency}: contacts one POST applies at once ({@code janela.webhook.concurrency});
     * {@code keys}: where new contacts' keys come from (derived from the first id in most tests).
     */
    public IngestHarness(TestDynamo.Tables tables, Clock clock, int concurrency, ContactKeys keys,
            ExecutionInterceptor... interceptors) {
        this.tables = tables;
        this.clock = clock;
        this.dynamo = TestDynamo.client(interceptors);
        this.contacts = new DynamoContactStore(dynamo, tables.contacts(), tables.directory());
        this.directory = new DynamoDirectoryStore(dynamo, tables.directory());
        this.outbound = new DynamoOutboundStore(dynamo, tables.contacts());
        this.campaigns = new DynamoCampaignStore(dynamo, tables.directory());
        this.identities = new DynamoIdentityStore(dynamo, tables.contacts());
        this.resolver = new ContactResolver(identities, contacts, keys);
        this.quarantine = new DynamoQuarantineStore(dynamo, tables.directory());
        this.ingest = new WebhookIngest(contacts, resolver, directory, new MetaFailures(contacts, outbound, directory),
                new CampaignProgress(campaigns), new StreamAssignmentTrigger(), new PipeFlowHandoff(), quarantine, clock, concurrency);
    }

    public WebhookIngest.Report deliver(MetaPayloads payload) {
        return deliver(payload.bytes());
    }

    public WebhookIngest.Report deliver(byte[] body) {
        return ingest.apply(parse(body));
    }

    public WebhookBatch parse(byte[] body) {
        return parser.parse(body, clock.instant());
    }

    /** The contact a phone number or BSUID names on the test business number; fails when there is none. */
    public ContactKey key(String ref) {
        return TestContacts.key(dynamo, tables.contacts(), ref);
    }

    /** The contact {@code ref} names, made one first (as a send to a new customer would) when there is none. */
    public ContactKey contactFor(String ref) {
        return resolver.findOrCreate(MetaPayloads.PHONE_NUMBER_ID, CustomerId.parse(ref), clock.instant());
    }

    /** One item of a contact's partition, read consistently (empty when there is none). */
    public Map<String, AttributeValue> contactItem(String ref, String sortKey) {
        return contactItem(key(ref), sortKey);
    }

    public Map<String, AttributeValue> contactItem(ContactKey contact, String sortKey) {
        return dynamo.getItem(request -> request.tableName(tables.contacts()).consistentRead(true)
                .key(TestContacts.itemKey(contact, sortKey))).item();
    }

    public List<String> contactsState() {
        return TableSnapshot.of(dynamo, tables.contacts());
    }

    public List<String> directoryState() {
        return TableSnapshot.of(dynamo, tables.directory());
    }

    @Override
    public void close() {
        ingest.stop();
        dynamo.close();
    }
}
