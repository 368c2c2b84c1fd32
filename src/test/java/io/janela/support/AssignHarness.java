package io.janela.support;

import io.janela.adapters.dynamodb.DynamoTeamStore;
import io.janela.adapters.dynamodb.DynamoAssignmentStore;
import io.janela.application.assignment.Assigner;
import io.janela.domain.contact.ContactKey;
import io.janela.domain.routing.ReplyRoute;
import io.janela.domain.routing.ReplyRule;
import io.janela.domain.team.Agent;
import io.janela.domain.team.AgentStatus;
import io.janela.domain.team.Department;
import io.janela.domain.ticket.Ticket;
import io.janela.domain.ticket.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Assignment wired by hand on the ingest harness's tables: the real Assigner and DynamoDB stores,
 * with a seeded random source, and the few writes a test needs to set up a team and its tickets.
 */
public final class AssignHarness {

    public final IngestHarness desk;
    public final DynamoTeamStore team;
    public final DynamoAssignmentStore tickets;
    public final Assigner assigner;
    private final Clock clock;
    private int messages;

    public AssignHarness(IngestHarness desk, Clock clock) {
        this(desk, clock, new Random(5));
    }

    public AssignHarness(IngestHarness desk, Clock clock, Random random) {
        this.desk = desk;
        this.clock = clock;
        this.team = new DynamoTeamStore(desk.dynamo, desk.tables.directory());
        this.tickets = new DynamoAssignmentStore(desk.dynamo, desk.tables.contacts());
        this.assigner = new Assigner(team, tickets, desk.contacts, clock, random);
    }

    /** Registers the agent (a new agent starts OFFLINE) and sets the status they would set themselves. */
    public void agent(String email, AgentStatus status) {
        desk.directory.putAgent(new Agent(email, email.substring(0, email.indexOf('@')), AgentStatus.OFFLINE, false));
        team.setAgentStatus(email, status, email, clock.instant());
    }

    public void status(String email, AgentStatus status) {
        team.setAgentStatus(email, status, email, clock.instant());
    }

    public Department department(String id, Department.Strategy strategy, List<String> agents) {
        return department(new Department(id, id, strategy, agents, Optional.empty(), Optional.empty()));
    }

    public Department department(Department department) {
        team.putDepartment(department, "admin@desk.example", clock.instant());
        return department;
    }

    /** A customer's first message, which opens a ticket (waiting, with no department). */
    public TicketId open(String waId, Instant at) {
        desk.deliver(MetaPayloads.notification().text(waId, "Cliente " + waId.substring(waId.length() - 4), "wamid.A" + (++messages),
                at, "Olá"));
        return openTicket(waId).id();
    }

    /** The reply to an active message that named {@code route}: the ticket opens where the route says. */
    public TicketId openAnswering(String waId, Instant at, ReplyRoute route) {
        desk.contacts.recordReplyRule(contact(waId), new ReplyRule(route, at.minus(Duration.ofHours(1)), "bia@desk.example"));
        return open(waId, at);
    }

    public Ticket openTicket(String waId) {
        return desk.contacts.findContact(contact(waId)).orElseThrow().openTicket().orElseThrow();
    }

    public Ticket ticket(TicketId id) {
        return desk.contacts.findTicket(id).orElseThrow();
    }

    /** The contact of the customer first named by this phone number or BSUID (see {@link DerivedContactKeys}). */
    public static ContactKey contact(String waId) {
        return TestContacts.key(waId);
    }

    /** The contact's default agent, as the desk's contact route stores it on the profile. */
    public void defaultAgent(String waId, String agent) {
        desk.dynamo.updateItem(request -> request
                .tableName(desk.tables.contacts())
                .key(TestContacts.itemKey(contact(waId), "PROFILE"))
                .updateExpression("SET defaultAgent = :agent")
                .expressionAttributeValues(Map.of(":agent", AttributeValue.fromS(agent))));
    }

    /**
     * An agent moves the ticket to a department by hand, as the storage contract has it: department,
     * queue, WAITING, waiting D#dept, queuedAt now, byHand; no agent, holder or reservation.
     */
    public void transferByHand(TicketId id, String department) {
        Ticket ticket = ticket(id);
        desk.dynamo.updateItem(request -> request
                .tableName(desk.tables.contacts())
                .key(TestContacts.itemKey(ticket.contact(), "TICKET#" + id.value()))
                .updateExpression("SET department = :department, queue = :department, #status = :waiting,"
                        + " waiting = :queue, queuedAt = :now, byHand = :true REMOVE #agent, holder, reservedFor")
                .expressionAttributeNames(Map.of("#status", "status", "#agent", "agent"))
                .expressionAttributeValues(Map.of(
                        ":department", AttributeValue.fromS(department),
                        ":waiting", AttributeValue.fromS("WAITING"),
                        ":queue", AttributeValue.fromS("D#" + department),
                        ":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())),
                        ":true", AttributeValue.fromBool(true))));
    }

    /**
     * {@code count} more tickets waiting like {@code model}, each of its own contact and one second
     * further back in its queue: the model's item copied with new keys, written 25 to a request, so
     * a test of hundreds of tickets does not spend its time opening them one webhook at a time.
     */
    public List<TicketId> cloneWaiting(TicketId model, int count) {
        Ticket ticket = ticket(model);
        Map<String, AttributeValue> item = desk.contactItem(ticket.contact(), "TICKET#" + model.value());
        long queuedAt = Long.parseLong(item.get("queuedAt").n());
        List<TicketId> ids = new java.util.ArrayList<>();
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String waId = String.format("55118%08d", i);
            ContactKey contact = TestContacts.madeUp(9_000_000L + i);
            TicketId id = TicketId.openedBy(contact, "wamid.clone." + i);
            Map<String, AttributeValue> clone = new java.util.HashMap<>(item);
            clone.put("pk", AttributeValue.fromS("C#" + contact.id()));
            clone.put("sk", AttributeValue.fromS("TICKET#" + id.value()));
            clone.put("waId", AttributeValue.fromS(waId));
            clone.put("queuedAt", AttributeValue.fromN(Long.toString(queuedAt + i)));
            writes.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                    .putRequest(put -> put.item(clone)).build());
            ids.add(id);
        }
        for (int from = 0; from < writes.size(); from += 25) {
            List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> pending = writes.subList(from, Math.min(writes.size(), from + 25));
            while (!pending.isEmpty()) {
                var batch = pending;
                var response = desk.dynamo.batchWriteItem(request -> request.requestItems(Map.of(desk.tables.contacts(), batch)));
                pending = response.unprocessedItems().getOrDefault(desk.tables.contacts(), List.of());
            }
        }
        return ids;
    }

    /** One attribute of a ticket's item as stored (null when absent). */
    public AttributeValue ticketAttribute(TicketId id, String name) {
        Ticket ticket = ticket(id);
        return desk.contactItem(ticket.contact(), "TICKET#" + id.value()).get(name);
    }
}
