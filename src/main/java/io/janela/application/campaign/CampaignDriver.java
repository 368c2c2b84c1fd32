package io.janela.application.campaign;

import io.janela.application.LogText;
import io.janela.application.campaign.CampaignStore.Campaign;
import io.janela.application.contacts.ContactResolver;
import io.janela.application.contacts.ContactStore;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.outbound.Gatekeeper;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.MessageSender.Accepted;
import io.janela.application.outbound.MessageSender.Rejected;
import io.janela.application.outbound.MessageSender.SendOutcome;
import io.janela.application.outbound.MessageSender.Unreachable;
import io.janela.application.outbound.MetaFailures;
import io.janela.application.outbound.OutboundStore;
import io.janela.application.outbound.OutboundStore.OutboundRecord;
import io.janela.domain.campaign.Recipient;
import io.janela.domain.campaign.RecipientOutcome;
import io.janela.domain.campaign.SkipReason;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.message.FailureAction;
import io.janela.domain.message.MetaError;
import io.janela.domain.outbound.OutboundContent;
import io.janela.domain.outbound.OutboundGate;
import io.janela.domain.outbound.OutboundGate.CampaignMessage;
import io.janela.domain.outbound.OutboundMessage;
import io.janela.domain.outbound.Refusal;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.team.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends the campaigns that are still sending, a bounded batch per run: paced under Meta's
 * throughput, resumable from a checkpoint, and never twice to one recipient. Each recipient is
 * claimed (PENDING to SENDING) before the call to Meta; a claim found on a later run belongs to
 * a run that died mid-send and becomes UNKNOWN, never a second send. The same run carries out
 * the one retry of templates Meta held back (131049).
 */
@ApplicationScoped
public class CampaignDriver {

    private static final Logger LOG = Logger.getLogger(CampaignDriver.class);
    /**
     * Rows read, sent and checkpointed together. A run waits for a page's last send before the
     * next page, so a longer page keeps the rate up at the cost of re-reading more rows after a crash.
     */
    private static final int PAGE = 100;
    /** A lease outlives the run's own deadline, so two runs never send for one campaign at once. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    public static final String CALLBACK_PREFIX = "janela:campaign:";

    private final CampaignStore campaigns;
    private final ContactStore contacts;
    private final ContactResolver resolver;
    private final DirectoryStore directory;
    private final OutboundStore outbound;
    private final MessageSender sender;
    private final MetaFailures failures;
    private final Gatekeeper gatekeeper;
    private final Clock clock;
    private final CampaignSettings settings;

    @Inject
    public CampaignDriver(CampaignStore campaigns, ContactStore contacts, ContactResolver resolver, DirectoryStore directory,
            OutboundStore outbound, MessageSender sender, MetaFailures failures, Gatekeeper gatekeeper, Clock clock,
            CampaignSettings settings) {
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.resolver = resolver;
        this.directory = directory;
        this.outbound = outbound;
        this.sender = sender;
        this.failures = failures;
        this.gatekeeper = gatekeeper;
        this.clock = clock;
        this.settings = settings;
    }

    /** What one run did, for its log line and for the operator who triggered it. */
    public record RunReport(int campaigns, int sent, int failed, int skipped, int unknown, int retried, int stillSending) {
    }

    private static final class Tally {
        final AtomicInteger campaigns = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger unknown = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        /** Set when Meta says this business number is over its throughput: the run stops sending. */
        final AtomicBoolean throttled = new AtomicBoolean();
        /** Set when a send threw: the run is failing, and a row it claimed now would never be sent. */
        final AtomicBoolean broken = new AtomicBoolean();
    }

    public RunReport run() {
        Instant deadline = clock.instant().plus(settings.batchTime());
        Tally tally = new Tally();
        Pace pace = new Pace(settings.rate());
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()));
        try {
            for (String id : campaigns.activeCampaigns()) {
                if (!clock.instant().isBefore(deadline) || tally.throttled.get()) {
                    break;
                }
                campaigns.find(id).ifPresent(campaign -> drive(campaign, deadline, tally, pace, workers));
            }
            retryHeldBack(tally, pace);
        } finally {
            workers.shutdownNow();
        }
        int stillSending = campaigns.activeCampaigns().size();
        RunReport report = new RunReport(tally.campaigns.get(), tally.sent.get(), tally.failed.get(), tally.skipped.get(),
                tally.unknown.get(), tally.retried.get(), stillSending);
        boolean idle = report.campaigns() == 0 && report.retried() == 0 && stillSending == 0;
        LOG.logf(idle ? Logger.Level.DEBUG : Logger.Level.INFO,
                "event=campaign_run campaigns=%d sent=%d failed=%d skipped=%d unknown=%d retried=%d still_sending=%d",
                report.campaigns(), report.sent(), report.failed(), report.skipped(), report.unknown(), report.retried(),
                report.stillSending());
        return report;
    }

    private void drive(Campaign campaign, Instant deadline, Tally tally, Pace pace, ExecutorService workers) {
        Instant now = clock.instant();
        Instant leaseUntil = deadline.plus(LEASE_MARGIN);
        if (campaign.state() != CampaignStore.State.SENDING || !campaigns.lease(campaign.id(), now, leaseUntil)) {
            return;
        }
        if (!sendBatch(campaign, now, deadline, tally, pace, workers)) {
            // stopped in good order: the next scheduled run must not wait out the margin of this one
            campaigns.release(campaign.id(), leaseUntil);
        }
    }

    /** True when the campaign is finished. */
    private boolean sendBatch(Campaign campaign, Instant now, Instant deadline, Tally tally, Pace pace,
            ExecutorService workers) {
        Optional<Batch> ready = batch(campaign, now);
        if (ready.isEmpty()) {
            return false;
        }
        Batch batch = ready.get();
        tally.campaigns.incrementAndGet();
        int cursor = campaign.cursor();
        while (clock.instant().isBefore(deadline) && !tally.throttled.get()) {
            CampaignStore.Page page = campaigns.recipients(campaign.id(), cursor, PAGE);
            List<Callable<Void>> sends = new ArrayList<>();
            for (Recipient row : page.rows()) {
                sends.add(() -> {
                    try {
                        handle(batch, row, tally, pace);
                    } catch (RuntimeException failure) {
                        tally.broken.set(true);
                        throw failure;
                    }
                    return null;
                });
            }
            runAll(workers, sends);
            if (tally.throttled.get()) {
                return false; // rows after Meta's refusal are still pending: the next run reads this page again
            }
            if (!page.rows().isEmpty()) {
                cursor = page.rows().get(page.rows().size() - 1).row();
                campaigns.checkpoint(campaign.id(), cursor);
            }
            if (page.nextAfter().isEmpty()) {
                campaigns.finish(campaign.id(), clock.instant());
                LOG.infof("event=campaign_finished campaign=%s", campaign.id());
                return true;
            }
        }
        return false;
    }

    /** What one batch of a campaign sends, and what the desk recorded for it as the batch began. */
    private record Batch(Campaign campaign, CampaignMessage message, OutboundGate.Desk desk) {
    }

    /**
     * The batch, read once for all its recipients. The rules that held when the campaign was created
     * may not hold now: then it waits (empty), it does not skip.
     */
    private Optional<Batch> batch(Campaign campaign, Instant now) {
        Optional<Agent> creator = directory.findAgent(campaign.createdBy());
        if (creator.isEmpty()) {
            return paused(campaign, "its creator is no longer on the desk");
        }
        Batch batch = new Batch(campaign, new CampaignMessage(creator.get(), campaign.templateName(),
                campaign.templateLanguage(), campaign.templateCategory()),
                gatekeeper.desk(campaign.phoneNumberId(), campaign.templateName(), campaign.templateLanguage()));
        Optional<Refusal> problem = gatekeeper.deskProblem(batch.message(), batch.desk(), now);
        return problem.isPresent() ? paused(campaign, problem.get().sentence()) : Optional.of(batch);
    }

    private static Optional<Batch> paused(Campaign campaign, String reason) {
        LOG.warnf("event=campaign_paused campaign=%s reason=\"%s\"", campaign.id(), LogText.of(reason));
        return Optional.empty();
    }

    private static void runAll(ExecutorService workers, List<Callable<Void>> tasks) {
        try {
            for (Future<Void> done : workers.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the campaign run was interrupted", e);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
        }
    }

    private void handle(Batch batch, Recipient row, Tally tally, Pace pace) {
        Campaign campaign = batch.campaign();
        if (row.outcome() == RecipientOutcome.SENDING) {
            // claimed by a run that died before it recorded Meta's answer: it may have been sent
            if (campaigns.move(campaign.id(), row, row.lost())) {
                tally.unknown.incrementAndGet();
            }
            return;
        }
        if (row.outcome() != RecipientOutcome.PENDING || tally.throttled.get() || tally.broken.get()) {
            return;
        }
        // a row that reached the driver PENDING named a valid phone or user id: the audience skipped the others
        CustomerId named = row.named().id().orElseThrow();
        Optional<ContactKey> known = resolver.find(campaign.phoneNumberId(), named);
        OutboundGate.Recipient recipient = gatekeeper.recipient(known, named);
        Instant now = clock.instant();
        OutboundGate.Verdict verdict = gatekeeper.check(batch.message(), batch.desk(), recipient, now);
        Optional<SkipReason> skip = verdict instanceof OutboundGate.Refused refused
                ? Optional.of(SkipReason.of(refused.refusal()))
                : Optional.empty();
        if (skip.isPresent()) {
            if (campaigns.move(campaign.id(), row, row.skipped(skip.get()))) {
                tally.skipped.incrementAndGet();
            }
            return;
        }
        Recipient claimed = row.claimed();
        if (!campaigns.move(campaign.id(), row, claimed)) {
            return;
        }
        OutboundContent.Template content = new OutboundContent.Template(
                campaign.templateName(), campaign.templateLanguage(), row.parameters());
        ContactKey contact = known.orElseGet(() -> resolver.create(campaign.phoneNumberId(), named, now));
        // the phone when Janela knows one, whichever id the row named: Meta recommends sending to phones
        CustomerId address = recipient.profile().address().orElseThrow();
        pace.await();
        SendOutcome outcome = sender.send(new OutboundMessage(contact, address, content,
                Optional.of(CALLBACK_PREFIX + campaign.id() + ":" + row.row())));
        record(campaign, claimed, contact, content, ((OutboundGate.Allowed) verdict).activeMessage(), outcome, tally);
    }

    private void record(Campaign campaign, Recipient claimed, ContactKey contact,
            OutboundContent.Template content, boolean active, SendOutcome outcome, Tally tally) {
        if (outcome instanceof Unreachable unreachable && unreachable.mayHaveArrived()) {
            campaigns.move(campaign.id(), claimed, claimed.lost());
            tally.unknown.incrementAndGet();
            return;
        }
        Instant now = clock.instant();
        String sentBy = "campaign:" + campaign.id();
        OutboundRecord record = OutboundRecord.of(outcome, contact, content, campaign.templateCategory(), active, sentBy,
                Optional.of(campaign.id()), now, Optional.empty());
        outbound.recordOutbound(record);
        if (outcome instanceof Accepted accepted) {
            campaign.replyRoute().ifPresent(route -> contacts.recordReplyRule(contact, new ReplyRule(route, now, sentBy)));
            campaigns.move(campaign.id(), claimed, claimed.sent(accepted.wamid()));
            tally.sent.incrementAndGet();
            return;
        }
        MetaError error = record.failure().orElseThrow();
        if (outcome instanceof Rejected) {
            failures.apply(contact, Optional.empty(), error, now);
            if (FailureAction.forCode(error.code()).filter(FailureAction.BACK_OFF_SENDER::equals).isPresent()) {
                tally.throttled.set(true);
            }
        }
        campaigns.move(campaign.id(), claimed, claimed.failed(error));
        tally.failed.incrementAndGet();
    }

    /**
     * The one retry of a template Meta held back for ecosystem health (131049), a day later.
     * It is checked again as if new: the contact may have been blocked, opted out or written since.
     */
    private void retryHeldBack(Tally tally, Pace pace) {
        Instant now = clock.instant();
        for (OutboundStore.ScheduledRetry due : outbound.dueRetries(now, PAGE)) {
            if (tally.throttled.get()) {
                return;
            }
            Optional<OutboundRecord> original = outbound.claimRetry(due);
            if (original.isEmpty()) {
                continue;
            }
            OutboundContent.Template content = (OutboundContent.Template) original.get().content();
            OutboundGate.Recipient recipient = gatekeeper.recipient(due.contact());
            OutboundGate.Verdict verdict = gatekeeper.check(new OutboundGate.HeldBackRetry(content, original.get().templateCategory()),
                    gatekeeper.desk(due.contact().phoneNumberId(), content), recipient, now);
            if (verdict instanceof OutboundGate.Refused refused) {
                LOG.infof("event=held_back_retry_dropped reason=%s contact=%s", refused.refusal().code(), due.contact().forLog());
                continue;
            }
            pace.await();
            SendOutcome outcome = sender.send(new OutboundMessage(due.contact(), recipient.profile().address().get(), content,
                    Optional.empty()));
            outbound.recordOutbound(OutboundRecord.of(outcome, due.contact(), content, original.get().templateCategory(),
                    ((OutboundGate.Allowed) verdict).activeMessage(), original.get().sentBy(), original.get().campaign(), now,
                    Optional.of(due.wamid())));
            tally.retried.incrementAndGet();
        }
    }

    /** Spaces sends evenly at the configured rate, across all worker threads. */
    static final class Pace {
        private final long intervalNanos;
        private long next = System.nanoTime();

        Pace(double perSecond) {
            if (perSecond <= 0) {
                throw new IllegalArgumentException("janela.campaigns.rate must be above zero");
            }
            this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        }

        void await() {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long slot = Math.max(now, next);
                next = slot + intervalNanos;
                wait = slot - now;
            }
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while pacing sends", e);
                }
            }
        }
    }
}
