package io.streamhub.config.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;

/** The app-file JSON Schema, published for editors and CI (YAML language servers fetch it by URL). */
@Path("/schema/app-config.schema.json")
public class SchemaResource {

    @GET
    @Produces("application/schema+json")
    public byte[] schema() throws IOException {
        try (InputStream in = SchemaResource.class.getResourceAsStream("/schema/app-config.schema.json")) {
            return in.readAllBytes();
        }
    }
}
