package io.janela.adapters.dynamodb;

import static io.janela.adapters.dynamodb.Attributes.s;

import io.janela.config.JanelaConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The DynamoDB client, ready before the first request: built while the function starts, and warmed
 * by a read of a key Janela never writes before a SnapStart snapshot.
 */
@ApplicationScoped
public class DynamoPriming {

    /** No item has this key: Janela's partitions are {@code C#...} and {@code ID#...}. */
    static final String NO_ITEM = "PRIMING";

    private final DynamoDbClient dynamo;
    private final String contacts;

    @Inject
    public DynamoPriming(DynamoDbClient dynamo, JanelaConfig config) {
        this(dynamo, config.tables().contacts());
    }

    public DynamoPriming(DynamoDbClient dynamo, String contacts) {
        this.dynamo = dynamo;
        this.contacts = contacts;
    }

    /**
     * Builds the client (its region, endpoint rules, signer, HTTP client and the SDK's metadata of
     * every AWS service) while the function starts, not while the first customer waits; with
     * SnapStart, inside the snapshot. Nothing is sent.
     */
    void buildAtStart(@Observes StartupEvent start) {
        dynamo.serviceClientConfiguration();
    }

    /**
     * A consistent BatchGetItem of a key that has no item, on the contacts table (every function's
     * policy allows it): the whole request path runs (marshalling, signing, HTTP, the answer's
     * JSON) and nothing is written. It asks DynamoDB to close the connection after answering, so
     * the JDK keeps no pooled connection (this one, or the one the calls before it left) into a
     * snapshot: a restored function would find it dead.
     */
    public void readNothing() {
        dynamo.batchGetItem(request -> request
                .requestItems(Map.of(contacts, KeysAndAttributes.builder()
                        .keys(List.of(Map.of(ContactItems.PK, s(NO_ITEM), ContactItems.SK, s(NO_ITEM))))
                        .consistentRead(true)
                        .build()))
                .overrideConfiguration(call -> call.putHeader("Connection", "close")));
    }
}
