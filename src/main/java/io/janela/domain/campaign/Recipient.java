package io.janela.domain.campaign;

import io.janela.domain.message.MetaError;
import io.janela.domain.message.StatusUpdate;
import java.util.List;
import java.util.Optional;

/**
 * One row of a campaign's audience and where its send stands; {@code named} is the phone or user id
 * it names the recipient by. Its life is its methods: created PENDING (or SKIPPED by the audience),
 * skipped or claimed just before the send, then sent, failed or lost, then moved on by Meta's
 * statuses. A row never moves back ({@link RecipientOutcome#canBecome}).
 */
public record Recipient(
        int row,
        Audience.Named named,
        List<String> parameters,
        RecipientOutcome outcome,
        Optional<SkipReason> skipReason,
        Optional<String> wamid,
        Optional<MetaError> error) {

    /** The row as its campaign is created: PENDING, or SKIPPED when the audience already refused it. */
    public static Recipient of(Audience.Row row) {
        return new Recipient(row.number(), row.named(), row.parameters(),
                row.skipped().isPresent() ? RecipientOutcome.SKIPPED : RecipientOutcome.PENDING,
                row.skipped(), Optional.empty(), Optional.empty());
    }

    /** Not sent, for {@code reason}, found just before its send. */
    public Recipient skipped(SkipReason reason) {
        return next(RecipientOutcome.SKIPPED, Optional.of(reason), Optional.empty(), Optional.empty());
    }

    /** SENDING: claimed before the call to Meta, so a retried batch never sends to it twice. */
    public Recipient claimed() {
        return next(RecipientOutcome.SENDING, skipReason, wamid, error);
    }

    /** Meta accepted the send as {@code wamid}. */
    public Recipient sent(String wamid) {
        return next(RecipientOutcome.SENT, Optional.empty(), Optional.of(wamid), Optional.empty());
    }

    public Recipient failed(MetaError error) {
        return next(RecipientOutcome.FAILED, Optional.empty(), Optional.empty(), Optional.of(error));
    }

    /**
     * UNKNOWN: claimed, and what became of the send is lost (the run died, or Meta's answer never came).
     * It may have arrived, so it is never sent again; a status webhook may still tell.
     */
    public Recipient lost() {
        return next(RecipientOutcome.UNKNOWN, skipReason, wamid, error);
    }

    /**
     * Where a status Meta reports for the row's message moves it; empty when the row is there or
     * further already. A failure records Meta's first error.
     */
    public Optional<Recipient> advancedBy(StatusUpdate status) {
        RecipientOutcome reached = RecipientOutcome.of(status.status());
        if (!outcome.canBecome(reached)) {
            return Optional.empty();
        }
        Optional<MetaError> reported = reached == RecipientOutcome.FAILED ? status.errors().stream().findFirst() : Optional.empty();
        return Optional.of(new Recipient(row, named, parameters, reached, skipReason, Optional.of(status.wamid()),
                reported.or(() -> error)));
    }

    /** The name of the count this row adds to: failures by Meta code, skips by reason. */
    public String countName() {
        return switch (outcome) {
            case PENDING, SENDING -> "pending";
            case SKIPPED -> "skipped." + skipReason.map(SkipReason::code).orElse("unknown");
            case FAILED -> "failed." + error.map(MetaError::code).orElse(0);
            default -> outcome.code();
        };
    }

    private Recipient next(RecipientOutcome outcome, Optional<SkipReason> skipReason, Optional<String> wamid,
            Optional<MetaError> error) {
        if (!this.outcome.canBecome(outcome)) {
            throw new IllegalStateException("row " + row + " is " + this.outcome.code() + " and cannot become "
                    + outcome.code());
        }
        return new Recipient(row, named, parameters, outcome, skipReason, wamid, error);
    }
}
