package io.janela.adapters.meta;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Meta's Graph API for read receipts: the same base URL and timeouts as {@link GraphApi}. */
@RegisterRestClient(configKey = "meta-graph")
public interface GraphReadApi {

    /** The receipt goes where messages go: {@code {"messaging_product","status":"read","message_id"}}. */
    @POST
    @Path("/{version}/{phoneNumberId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response markRead(@PathParam("version") String version,
            @PathParam("phoneNumberId") String phoneNumberId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            GraphReadRequest receipt);
}
