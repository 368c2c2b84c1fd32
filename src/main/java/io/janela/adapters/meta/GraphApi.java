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

/**
 * Meta's Graph API, as far as Janela uses it. The answer is a raw {@link Response} because Meta's
 * errors carry the facts the caller acts on, and not every failing answer is Meta's JSON.
 */
@RegisterRestClient(configKey = "meta-graph")
public interface GraphApi {

    /** {@code authorization} is {@code Bearer <token>}, or null to send no header at all. */
    @POST
    @Path("/{version}/{phoneNumberId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response sendMessage(@PathParam("version") String version,
            @PathParam("phoneNumberId") String phoneNumberId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            GraphMessageRequest message);
}
