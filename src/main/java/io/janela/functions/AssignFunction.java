package io.janela.functions;

import io.janela.application.LogText;
import io.janela.application.Metrics;
import io.janela.application.assignment.Assigner;
import io.janela.application.assignment.AssignmentSignal;
import io.janela.application.assignment.StreamChanges;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Routing-rule assignment, on the two tables' streams: a ticket entering a queue is given to an
 * agent (or waits), an agent coming online or freeing a slot picks up what waits for them. Each
 * record is handled on its own; one that throws is reported back by its sequence number
 * ({@code ReportBatchItemFailures}), so Lambda retries from it and the others are not held up.
 */
public class AssignFunction {

    private static final Logger LOG = Logger.getLogger(AssignFunction.class);

    @Inject
    Assigner assigner;
    @Inject
    Metrics metrics;
    @Inject
    StreamChanges changes;

    /** Lambda's partial batch response: the records that failed, by sequence number. */
    @RegisterForReflection
    public record BatchResponse(List<ItemFailure> batchItemFailures) {
    }

    @RegisterForReflection
    public record ItemFailure(String itemIdentifier) {
    }

    @Funq("assign")
    public BatchResponse assign(DynamoDbStreamEvent event) {
        List<ItemFailure> failures = new ArrayList<>();
        int signalled = 0;
        Assigner.Tally tally = Assigner.Tally.NONE;
        for (DynamoDbStreamEvent.Record record : event.records()) {
            try {
                List<AssignmentSignal> signals = signals(record);
                for (AssignmentSignal signal : signals) {
                    tally = tally.plus(assigner.apply(signal));
                }
                signalled += signals.isEmpty() ? 0 : 1;
            } catch (RuntimeException failure) {
                LOG.errorf(failure, "event=assign_record_failed event_id=%s sequence=%s event_name=%s", LogText.of(record.eventID()),
                        LogText.of(sequenceNumber(record)), LogText.of(record.eventName()));
                failures.add(new ItemFailure(sequenceNumber(record)));
            }
        }
        LOG.infof("event=assign_batch records=%d acted_on=%d failed=%d assigned=%d left_waiting=%d", event.records().size(),
                signalled, failures.size(), tally.assigned(), tally.leftWaiting());
        metrics.assignment(tally.assigned(), tally.leftWaiting());
        return new BatchResponse(failures);
    }

    private List<AssignmentSignal> signals(DynamoDbStreamEvent.Record record) {
        if (record.dynamodb() == null) {
            throw new IllegalArgumentException("a stream record without its dynamodb change");
        }
        return changes.signals(record.eventName(), record.dynamodb().keys(), record.dynamodb().newImage(),
                record.dynamodb().oldImage());
    }

    private static String sequenceNumber(DynamoDbStreamEvent.Record record) {
        return record.dynamodb() == null || record.dynamodb().sequenceNumber() == null ? "" : record.dynamodb().sequenceNumber();
    }
}
