package io.janela.adapters.meta;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Meta's Graph API for media: the same base URL and timeouts as {@link GraphApi}. */
@RegisterRestClient(configKey = "meta-graph")
public interface GraphMediaApi {

    /** A media id's metadata, the first step of a download: {@code {"url","mime_type","sha256","file_size","id"}}. */
    @GET
    @Path("/{version}/{mediaId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response media(@PathParam("version") String version,
            @PathParam("mediaId") String mediaId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
