package io.janela.application.ingest;

import io.janela.application.LogText;
import io.janela.application.RetryJitter;
import io.janela.application.assignment.AssignmentTrigger;
import io.janela.application.campaign.CampaignProgress;
import io.janela.application.contacts.ContactResolver;
import io.janela.application.contacts.ContactStore;
import io.janela.application.contacts.ContactStore.IntakeView;
import io.janela.application.contacts.ContactStore.JoinOutcome;
import io.janela.application.contacts.ContactStore.OpenOutcome;
import io.janela.application.contacts.ContactStore.Placement;
import io.janela.application.contacts.ContactStore.ProfileChange;
import io.janela.application.directory.DirectoryStore;
import io.janela.application.outbound.MetaFailures;
import io.janela.domain.contact.ContactIdentity;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.contact.IdentityChange;
import io.janela.domain.contact.MarketingPreference;
import io.janela.domain.message.DeliveryStatus;
import io.janela.domain.message.InboundMessage;
import io.janela.domain.message.StatusUpdate;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.team.Agent;
import io.janela.domain.ticket.Assignment;
import io.janela.domain.ticket.Intake;
import io.janela.domain.ticket.TicketId;
import io.janela.domain.ticket.TicketStatus;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Applies a webhook batch: every update on its own. The batch's updates are grouped by customer; one
 * worker takes each customer's updates in order (messages oldest first, then id changes, statuses and
 * preferences), tying each to its contact (ids resolved, linked or moved) and applying it there, several
 * customers at once. An update Janela can never apply is quarantined and the rest go on; a storage
 * failure is reported after everything else was tried, so the webhook answers 503 and Meta delivers
 * again. Every step is safe to repeat, and a message's record is written last, so the redelivery
 * completes the work.
 */
@ApplicationScoped
public class WebhookIngest {

    private static final Logger LOG = Logger.getLogger(WebhookIngest.class);
    /** Each retry follows a lost race with another writer on the same contact. */
    private static final int INTAKE_ATTEMPTS = 8;

    private final ContactStore contacts;
    private final ContactResolver resolver;
    private final DirectoryStore directory;
    private final MetaFailures failures;
    private final CampaignProgress campaigns;
    private final AssignmentTrigger trigger;
    private final FlowHandoff handoff;
    private final QuarantineStore quarantine;
    private final Clock clock;
    private final int concurrency;
    private final ExecutorService workers;

    @Inject
    public WebhookIngest(ContactStore contacts, ContactResolver resolver, DirectoryStore directory, MetaFailures failures,
            CampaignProgress campaigns, AssignmentTrigger trigger, FlowHandoff handoff, QuarantineStore quarantine, Clock clock,
            IngestSettings settings) {
        this(contacts, resolver, directory, failures, campaigns, trigger, handoff, quarantine, clock,
                settings.concurrency());
    }

    public WebhookIngest(ContactStore contacts, ContactResolver resolver, DirectoryStore directory, MetaFailures failures,
            CampaignProgress campaigns, AssignmentTrigger trigger, FlowHandoff handoff, QuarantineStore quarantine, Clock clock,
            int concurrency) {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("janela.webhook.concurrency must be from 1 to 64, was " + concurrency);
        }
        this.contacts = contacts;
        this.resolver = resolver;
        this.directory = directory;
        this.failures = failures;
        this.campaigns = campaigns;
        this.trigger = trigger;
        this.handoff = handoff;
        this.quarantine = quarantine;
        this.clock = clock;
        this.concurrency = concurrency;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, work -> {
            Thread thread = new Thread(work, "janela-ingest-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops the workers: the application is shutting down. */
    @PreDestroy
    public void stop() {
        workers.shutdownNow();
    }

    /**
     * Some updates could not be stored for now; all the others were applied. Meta should deliver again.
     * {@code done} is what the batch came to meanwhile; {@code failed} counts the updates left for the
     * redelivery (those that failed, and the later ones of their customers, held back to keep their order).
     */
    public static final class StorageUnavailable extends RuntimeException {
        private final Report done;
        private final int failed;

        public StorageUnavailable(int failed, Throwable first) {
            this(new Report(0, 0, 0), failed, first);
        }

        StorageUnavailable(Report done, int failed, Throwable first) {
            super(failed + " update(s) could not be stored", first);
            this.done = done;
            this.failed = failed;
        }

        public Report done() {
            return done;
        }

        public int failed() {
            return failed;
        }
    }

    /** What a batch came to; {@code quarantined} includes what the parser set aside. */
    public record Report(int applied, int quarantined, int ignored) {
    }

    public Report apply(WebhookBatch batch) {
        Instant receivedAt = clock.instant();
        List<Quarantined> setAside = Collections.synchronizedList(new ArrayList<>(batch.quarantined()));
        List<RuntimeException> storageFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger applied = new AtomicInteger();
        ContactResolver.Session session = resolver.session();
        List<Callable<Void>> work = new ArrayList<>();
        for (List<WebhookUpdate> customer : customers(batch, session, receivedAt, setAside, storageFailures)) {
            work.add(() -> {
                for (int i = 0; i < customer.size(); i++) {
                    WebhookUpdate update = customer.get(i);
                    int failedBefore = storageFailures.size();
                    if (attempt(update, receivedAt, () -> applyOne(session, update, receivedAt), setAside, storageFailures)) {
                        applied.incrementAndGet();
                    } else if (storageFailures.size() > failedBefore) {
                        // the customer's later updates wait for Meta's redelivery, so they still apply in order
                        storageFailures.add(new StorageUnavailable(customer.size() - i - 1, null));
                        return null;
                    }
                }
                return null;
            });
        }
        runAll(work);
        int kept = 0;
        for (Quarantined item : setAside) {
            try {
                quarantine.keep(item);
                kept++;
                LOG.warnf("event=webhook_item_quarantined path=%s kind=%s reason=\"%s\" bytes=%d", LogText.of(item.path()),
                        LogText.of(item.kind()), LogText.of(item.reason()), item.bytes());
            } catch (RuntimeException failure) {
                storageFailures.add(failure);
            }
        }
        Report report = new Report(applied.get(), kept, batch.ignored());
        if (!storageFailures.isEmpty()) {
            throw new StorageUnavailable(report, batch.size() - report.applied() - report.quarantined(), storageFailures.get(0));
        }
        return report;
    }

    /**
     * The batch's updates by customer, each customer's in order (messages oldest first, then id changes,
     * statuses and preferences): updates naming a common id, or ids that already name the same contact,
     * or ids an id change ties together, are one customer's. Customers share nothing, so they are applied
     * at once; template reviews, which name no customer, go together. The links of every id in the batch
     * are read first, in as few requests as DynamoDB allows.
     */
    private List<List<WebhookUpdate>> customers(WebhookBatch batch, ContactResolver.Session session, Instant receivedAt,
            List<Quarantined> setAside, List<RuntimeException> storageFailures) {
        List<WebhookUpdate> ordered = new ArrayList<>(batch.updates());
        ordered.sort(Comparator.comparing(WebhookIngest::rank).thenComparing(WebhookIngest::messageTime));
        Map<String, Set<CustomerId>> ids = new LinkedHashMap<>();
        ordered.forEach(update -> update.customer().ifPresent(customer -> ids
                .computeIfAbsent(customer.phoneNumberId(), any -> new LinkedHashSet<>()).addAll(namedIds(update))));
        if (!attempt(null, receivedAt, () -> ids.forEach(session::prefetch), setAside, storageFailures)) {
            return List.of(); // nothing can be tied to its contact: Meta delivers the whole batch again
        }
        Map<String, String> parent = new HashMap<>();
        Map<WebhookUpdate, String> firstName = new HashMap<>();
        for (WebhookUpdate update : ordered) {
            List<String> names = names(update, session);
            names.forEach(name -> union(parent, names.get(0), name));
            firstName.put(update, names.get(0));
        }
        Map<String, List<WebhookUpdate>> customers = new LinkedHashMap<>();
        for (WebhookUpdate update : ordered) {
            customers.computeIfAbsent(root(parent, firstName.get(update)), any -> new ArrayList<>()).add(update);
        }
        return List.copyOf(customers.values());
    }

    /** What ties an update to others of the same customer: its ids, and the contacts they already name. */
    private static List<String> names(WebhookUpdate update, ContactResolver.Session session) {
        if (update.customer().isEmpty()) {
            return List.of("templates");
        }
        String phoneNumberId = update.customer().get().phoneNumberId();
        List<String> names = new ArrayList<>();
        for (CustomerId id : namedIds(update)) {
            names.add(phoneNumberId + "/" + id.kind() + ":" + id.value());
            session.known(phoneNumberId, id).ifPresent(link -> names.add("contact/" + link.contact().id()));
        }
        return names;
    }

    /** The ids an update names: its customer's, and for an id change the new and the retired ones too. */
    private static List<CustomerId> namedIds(WebhookUpdate update) {
        List<CustomerId> named = new ArrayList<>();
        update.customer().ifPresent(customer -> named.addAll(customer.identity().ids()));
        identityChange(update).ifPresent(change -> {
            named.addAll(change.current().ids());
            named.addAll(change.retired());
        });
        return named.stream().distinct().toList();
    }

    private static String root(Map<String, String> parent, String name) {
        String root = name;
        while (parent.containsKey(root) && !parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        return root;
    }

    private static void union(Map<String, String> parent, String one, String other) {
        String a = root(parent, one);
        String b = root(parent, other);
        parent.putIfAbsent(a, a);
        if (!a.equals(b)) {
            parent.put(b, a);
        }
    }

    /**
     * Runs one step of one update. A failure the store can never get past (or an update the domain
     * refuses) quarantines the update; any other is a storage failure, reported at the end.
     */
    private boolean attempt(WebhookUpdate update, Instant receivedAt, Runnable step, List<Quarantined> setAside,
            List<RuntimeException> storageFailures) {
        try {
            step.run();
            return true;
        } catch (IllegalArgumentException refused) {
            if (update == null) {
                storageFailures.add(refused);
            } else {
                setAside.add(quarantined(update, refused.getMessage(), receivedAt));
            }
        } catch (RuntimeException failure) {
            if (update != null && contacts.cannotHold(failure)) {
                setAside.add(quarantined(update, "the store refused it: " + failure.getMessage(), receivedAt));
            } else {
                LOG.warnf(failure, "event=webhook_update_failed path=%s", update == null ? "-" : LogText.of(update.path()));
                storageFailures.add(failure);
            }
        }
        return false;
    }

    private static Quarantined quarantined(WebhookUpdate update, String reason, Instant receivedAt) {
        return Quarantined.of(update.path(), update.kind(), reason == null ? "refused" : reason, update.json(), receivedAt,
                update.customer().map(WebhookUpdate.Customer::phoneNumberId));
    }

    private void runAll(List<Callable<Void>> work) {
        if (work.size() <= 1 || concurrency == 1) {
            for (Callable<Void> task : work) {
                try {
                    task.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        try {
            for (Future<Void> done : workers.invokeAll(work)) {
                done.get();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailable(1, interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("an ingest worker failed", failed.getCause());
        }
    }

    /** Ties the update to its contact (linking or moving ids as it says), then applies it there. */
    private void applyOne(ContactResolver.Session session, WebhookUpdate update, Instant receivedAt) {
        if (update instanceof WebhookUpdate.TemplateReview review) {
            directory.recordTemplateStatus(review.change());
            return;
        }
        WebhookUpdate.Customer customer = update.customer().orElseThrow();
        ContactKey contact = session.resolve(customer.phoneNumberId(), customer.identity(), writtenAt(update),
                !(update instanceof WebhookUpdate.Message), receivedAt);
        identityChange(update).ifPresent(change -> session.apply(customer.phoneNumberId(), contact, change, receivedAt));
        if (update instanceof WebhookUpdate.Message message) {
            ingest(contact, message);
        } else if (update instanceof WebhookUpdate.Status status) {
            applyStatus(contact, status);
        } else if (update instanceof WebhookUpdate.Preference preference) {
            contacts.recordMarketingPreference(new MarketingPreference(contact, preference.stopped(), preference.at()));
        } else if (update instanceof WebhookUpdate.IdsChanged changed) {
            contacts.rememberProfile(contact, new ProfileChange(changed.change().current(), Optional.empty()));
        }
    }

    /**
     * The status record is written last: a failure before it makes Meta deliver again, and
     * every action here is safe to repeat.
     */
    private void applyStatus(ContactKey contact, WebhookUpdate.Status update) {
        StatusUpdate status = new StatusUpdate(contact, update.wamid(), update.status(), update.at(), update.errors(),
                update.pricing(), update.conversationId(), update.callbackData());
        if (status.status() == DeliveryStatus.FAILED) {
            status.errors().forEach(error -> failures.apply(contact, Optional.of(status.wamid()), error, status.at()));
        }
        campaigns.apply(status);
        contacts.recordStatus(status);
    }

    void ingest(ContactKey contact, WebhookUpdate.Message update) {
        InboundMessage message = new InboundMessage(contact, update.wamid(), update.type(), update.sentAt(), update.json());
        ContactIdentity incoming = update.change()
                .map(change -> update.from().identity().updatedBy(change.current()))
                .orElse(update.from().identity());
        for (int attempt = 1; attempt <= INTAKE_ATTEMPTS; attempt++) {
            IntakeView view = contacts.intakeView(contact, message.wamid());
            if (view.messageAlreadyStored()) {
                LOG.debugf("event=duplicate_message contact=%s", contact.forLog());
                return;
            }
            ContactIdentity known = view.profile().identity();
            ContactIdentity merged = known.updatedBy(incoming);
            Optional<String> newName = update.from().name().filter(name -> !view.profile().name().equals(Optional.of(name)));
            Optional<ProfileChange> change = merged.equals(known) && newName.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new ProfileChange(merged, newName));
            ProfileChange shown = new ProfileChange(merged, newName.or(() -> view.profile().name()));
            Landing landing = land(message, Intake.decide(view.profile(), message, view.replyRule()), change, shown);
            if (landing.settled()) {
                if (landing.profilePending()) {
                    change.ifPresent(pending -> contacts.rememberProfile(contact, pending));
                }
                if (message.isFromCustomer() && landing.placement().ticket().isEmpty()) {
                    // a ticket the message opened or joined carries the window itself (ContactStore.findContact)
                    contacts.advanceWindow(contact, message.sentAt());
                }
                contacts.storeInbound(message, landing.placement(), clock.instant());
                landing.queued().ifPresent(ticket -> trigger.ticketQueued(contact, ticket));
                landing.placement().flow().ifPresent(flow -> handoff.handedOver(new FlowHandoff.FlowMessage(flow, contact,
                        message.wamid(), message.type(), message.sentAt(), message.originalJson())));
                return;
            }
            pause(attempt);
        }
        throw new IllegalStateException("could not settle the ticket of a message from " + contact.forLog()
                + " after " + INTAKE_ATTEMPTS + " attempts");
    }

    /** Another writer on the same contact won a race: let it finish before reading the contact again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(RetryJitter.millisBelow(5L << Math.min(attempt, 5)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where the message landed; not settled when a concurrent writer means reading the contact again.
     * {@code profilePending}: the profile change still has to be written (opening a ticket writes it).
     * {@code queued} is the ticket it opened waiting, for assignment.
     */
    private record Landing(boolean settled, Placement placement, boolean profilePending, Optional<TicketId> queued) {
        static final Landing RETRY = new Landing(false, Placement.STORED_ONLY, false, Optional.empty());

        Landing(boolean settled, Placement placement, boolean profilePending) {
            this(settled, placement, profilePending, Optional.empty());
        }
    }

    private Landing land(InboundMessage message, Intake intake, Optional<ProfileChange> change, ProfileChange shown) {
        if (intake instanceof Intake.StoreOnly storeOnly) {
            LOG.debugf("event=message_stored_only reason=%s contact=%s", storeOnly.reason(), message.contact().forLog());
            return new Landing(true, Placement.STORED_ONLY, true);
        }
        if (intake instanceof Intake.HandToFlow flow) {
            LOG.infof("event=message_handed_to_flow flow=%s contact=%s", LogText.of(flow.flow()), message.contact().forLog());
            return new Landing(true, Placement.toFlow(flow.flow()), true);
        }
        if (intake instanceof Intake.Join join) {
            JoinOutcome joined = contacts.joinTicket(message.contact(), join.ticket(), message.sentAt(), message.wamid());
            return joined == JoinOutcome.JOINED ? new Landing(true, Placement.onTicket(join.ticket()), true) : Landing.RETRY;
        }
        Intake.Open open = (Intake.Open) intake;
        Assignment assignment = open.replyRoute()
                .map(route -> Assignment.forReply(route, namedAgent(route)))
                .orElse(Assignment.NONE);
        OpenOutcome opened = contacts.openTicket(open.ticket(), message.contact(), message.sentAt(), message.wamid(),
                change, shown, assignment);
        if (opened == OpenOutcome.CONTACT_HAS_OPEN_TICKET) {
            return Landing.RETRY;
        }
        if (opened == OpenOutcome.OPENED) {
            LOG.infof("event=ticket_opened ticket=%s contact=%s routed_by_reply_rule=%s", open.ticket(),
                    message.contact().forLog(), open.replyRoute().isPresent());
        }
        // a retried delivery (ALREADY_OPENED) asks again: the first attempt may have failed before asking
        Optional<TicketId> queued = assignment.ticketStatus() == TicketStatus.WAITING ? Optional.of(open.ticket()) : Optional.empty();
        return new Landing(true, Placement.onTicket(open.ticket()), opened == OpenOutcome.ALREADY_OPENED, queued);
    }

    private Optional<Agent> namedAgent(ReplyRoute route) {
        return route instanceof ReplyRoute.ToAgent toAgent ? directory.findAgent(toAgent.target()) : Optional.empty();
    }

    /** Messages first (oldest first), then id changes, statuses and preferences, then template reviews. */
    private static int rank(WebhookUpdate update) {
        List<Class<?>> order = List.of(WebhookUpdate.Message.class, WebhookUpdate.IdsChanged.class,
                WebhookUpdate.Status.class, WebhookUpdate.Preference.class, WebhookUpdate.TemplateReview.class);
        for (int rank = 0; rank < order.size(); rank++) {
            if (order.get(rank).isInstance(update)) {
                return rank;
            }
        }
        return order.size();
    }

    private static Instant messageTime(WebhookUpdate update) {
        return update instanceof WebhookUpdate.Message message ? message.sentAt() : Instant.EPOCH;
    }

    /** A customer's own message: a retired id it comes from names whoever holds it now. */
    private static Optional<Instant> writtenAt(WebhookUpdate update) {
        return update instanceof WebhookUpdate.Message message && message.change().isEmpty()
                ? Optional.of(message.sentAt())
                : Optional.empty();
    }

    private static Optional<IdentityChange> identityChange(WebhookUpdate update) {
        if (update instanceof WebhookUpdate.Message message) {
            return message.change();
        }
        return update instanceof WebhookUpdate.IdsChanged changed ? Optional.of(changed.change()) : Optional.empty();
    }
}
