package io.janela.functions.send;

import io.janela.domain.contact.ContactKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.janela.application.Metrics;
import io.janela.application.directory.NotAnAgent;
import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.SendService;
import io.janela.application.outbound.SendService.SendCommand;
import io.janela.domain.contact.CustomerId;
import io.janela.domain.outbound.OutboundContent;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.HttpRefusal;
import io.janela.functions.http.JsonBody;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.send.SendViews.SentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** {@code POST /messages}: one guarded message, text or template, to one customer; each send counted by outcome. */
@ApplicationScoped
public class MessageRoute {

    @Inject
    SendService sends;
    @Inject
    JsonResponses responses;
    @Inject
    ObjectMapper json;
    @Inject
    Metrics metrics;

    public HttpApiResponse send(HttpApiRequest request, String caller) {
        JsonBody body = JsonBody.parse(json, request.bodyBytes());
        String phoneNumberId = ContactKey.checkedPhoneNumberId(body.text("phoneNumberId"));
        CustomerId to = customer(body);
        OutboundContent content = body.oneOf("text", "template").equals("text")
                ? new OutboundContent.Text(body.text("text"))
                : template(body.object("template"));
        SendService.SendResult result = counted(new SendCommand(caller, phoneNumberId, to, content, ReplyRouting.of(body)));
        if (result instanceof SendService.Sent sent) {
            return responses.of(201, new SentView(sent.messageId(), sent.wamid(), sent.activeMessage()));
        }
        if (result instanceof SendService.Refused refused) {
            return responses.refused(HttpRefusal.of(refused.refusal()));
        }
        return notDelivered((SendService.NotDelivered) result);
    }

    /** The send, counted by how it ended; a caller who is not an agent is counted, then answered like on any route. */
    private SendService.SendResult counted(SendCommand command) {
        SendService.SendResult result;
        try {
            result = sends.send(command);
        } catch (NotAnAgent refused) {
            metrics.send(Metrics.SendOutcome.NOT_AN_AGENT, Optional.empty());
            throw refused;
        }
        metrics.send(outcome(result), result instanceof SendService.Refused refused
                ? Optional.of(refused.refusal().code()) : Optional.empty());
        return result;
    }

    /** How the send ended, in the words of the send metric's {@code Outcome} dimension. */
    private static Metrics.SendOutcome outcome(SendService.SendResult result) {
        if (result instanceof SendService.Sent) {
            return Metrics.SendOutcome.SENT;
        }
        if (result instanceof SendService.Refused) {
            return Metrics.SendOutcome.REFUSED;
        }
        MessageSender.SendOutcome outcome = ((SendService.NotDelivered) result).outcome();
        if (outcome instanceof MessageSender.Rejected rejected) {
            return rejected.transientError() ? Metrics.SendOutcome.META_UNAVAILABLE : Metrics.SendOutcome.META_REJECTED;
        }
        return Metrics.SendOutcome.META_UNREACHABLE;
    }

    /**
     * Exactly one of {@code waId} (the customer's phone number) and {@code userId} (their business-scoped
     * user id), each in Meta's own form: a BSUID is never read as a phone number, nor the other way round.
     */
    private static CustomerId customer(JsonBody body) {
        if (body.oneOf("waId", "userId").equals("waId")) {
            String waId = body.text("waId");
            if (!CustomerId.WaId.isWaId(waId)) {
                throw new IllegalArgumentException("waId must be the customer's phone number as Meta writes it: 1 to 32 digits,"
                        + " country code first (a business-scoped user id goes in userId)");
            }
            return new CustomerId.WaId(waId);
        }
        String userId = body.text("userId");
        if (!CustomerId.Bsuid.isBsuid(userId)) {
            throw new IllegalArgumentException("userId must be the customer's business-scoped user id as Meta writes it:"
                    + " a two-letter country code, a period and 1 to 128 letters and digits, such as US.13491208655302741918");
        }
        return new CustomerId.Bsuid(userId);
    }

    private static OutboundContent.Template template(JsonBody template) {
        return new OutboundContent.Template(template.text("name"), template.text("language"),
                template.optionalTexts("parameters"));
    }

    private HttpApiResponse notDelivered(SendService.NotDelivered failed) {
        return NotTaken.answer(responses, "the message", failed.messageId(), failed.outcome());
    }
}
