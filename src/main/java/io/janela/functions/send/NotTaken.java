package io.janela.functions.send;

import io.janela.application.outbound.MessageSender;
import io.janela.application.outbound.OutboundStore;
import io.janela.functions.http.HttpApiResponse;
import io.janela.functions.http.JsonResponses;
import io.janela.functions.send.SendViews.MetaErrorView;
import io.janela.functions.send.SendViews.NotDeliveredView;

/**
 * What Meta did with a send or a read receipt it did not take, answered the same way for both:
 * refused (422), not able to take it now (503), or not answering (504), with Meta's error.
 */
final class NotTaken {

    private NotTaken() {
    }

    /** {@code what} names it in the sentence ("the message"); {@code id} is the stored send's, null for what is not stored. */
    static HttpApiResponse answer(JsonResponses responses, String what, String id, MessageSender.SendOutcome outcome) {
        if (outcome instanceof MessageSender.Rejected rejected) {
            boolean metaDown = rejected.transientError();
            String sentence = "Meta " + (metaDown ? "could not take " + what + " right now" : "refused " + what)
                    + " (" + rejected.error().code() + (rejected.error().message() == null ? "" : ": " + rejected.error().message()) + ")";
            return responses.of(metaDown ? 503 : 422, new NotDeliveredView(metaDown ? "meta_unavailable" : "meta_rejected",
                    sentence, id, MetaErrorView.of(rejected.error())));
        }
        MessageSender.Unreachable unreachable = (MessageSender.Unreachable) outcome;
        String sentence = unreachable.mayHaveArrived()
                ? "Meta did not answer in time; " + what + " may have reached the customer, so it is not sent again"
                : "Meta could not be reached; nothing was sent";
        return responses.of(504, new NotDeliveredView("meta_unreachable", sentence, id,
                MetaErrorView.of(OutboundStore.failureOf(unreachable))));
    }
}
