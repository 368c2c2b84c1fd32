package io.janela.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The event Lambda hands a function for a batch of DynamoDB stream records, the fields Janela reads.
 * Images stay in DynamoDB JSON ({@code {"S":"..."}}); the DynamoDB adapter reads them.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record DynamoDbStreamEvent(@JsonProperty("Records") List<Record> records) {

    public DynamoDbStreamEvent {
        records = records == null ? List.of() : records;
    }

    /** One change to one item: {@code eventName} INSERT, MODIFY or REMOVE. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Record(String eventID, String eventName, String eventSource, String eventSourceARN, Change dynamodb) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(
            @JsonProperty("Keys") JsonNode keys,
            @JsonProperty("NewImage") JsonNode newImage,
            @JsonProperty("OldImage") JsonNode oldImage,
            @JsonProperty("SequenceNumber") String sequenceNumber,
            @JsonProperty("StreamViewType") String streamViewType) {
    }
}
