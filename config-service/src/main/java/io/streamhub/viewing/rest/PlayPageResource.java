package io.streamhub.viewing.rest;

import io.streamhub.config.apps.LiveApps;
import io.streamhub.shared.HlsNames;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /play/<app>/<room>}: the public player page. The page itself is static apart from the
 * room it plays; the bundled player ({@code /player/player.js}) takes everything else from the
 * playback API.
 */
@Path("/play/{app}/{room}")
public class PlayPageResource {

    private final LiveApps live;

    public PlayPageResource(LiveApps live) {
        this.live = live;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("app") String app, @PathParam("room") String room) {
        // Names are checked against the narrow contract pattern, so they are safe inside HTML.
        if (!HlsNames.isValidName(app) || !HlsNames.isValidName(room)) {
            return Response.status(400).entity(message("Bad address", "App and room names use letters, digits, '-' and '_'.")).build();
        }
        if (live.app(app) == null) {
            return Response.status(404).entity(message("Unknown app", "There is no app called " + app + ".")).build();
        }
        return Response.ok(html(app, room)).header("Cache-Control", "no-cache").build();
    }

    static String html(String app, String room) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%2$s · %1$s</title>
                <link rel="stylesheet" href="/player/player.css">
                </head>
                <body data-app="%1$s" data-room="%2$s">
                <main>
                <video id="video" controls playsinline muted></video>
                <dl>
                <dt>State</dt><dd id="state">loading</dd>
                <dt>Behind live edge</dt><dd id="latency">–</dd>
                <dt>Peers</dt><dd id="peers">–</dd>
                <dt>Received over HTTP</dt><dd id="http">–</dd>
                <dt>Received from peers</dt><dd id="p2p">–</dd>
                <dt>P2P share</dt><dd id="offload">–</dd>
                <dt>Playlist</dt><dd id="playlist">–</dd>
                </dl>
                <p id="error"></p>
                </main>
                <script type="module" src="/player/player.js"></script>
                </body>
                </html>
                """.formatted(app, room);
    }

    private static String message(String title, String text) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>";
    }
}
