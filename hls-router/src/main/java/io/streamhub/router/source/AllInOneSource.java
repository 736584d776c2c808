package io.streamhub.router.source;

import io.streamhub.router.ownership.LocalRooms;
import io.streamhub.router.source.HlsSource;
import io.streamhub.shared.HlsPath;
import io.vertx.core.http.HttpServerRequest;

/** Origin and master in one process: a room this node holds comes from disk, any other through the proxy. */
final class AllInOneSource implements HlsSource {

    private final LocalRooms rooms;
    private final HlsSource disk;
    private final HlsSource proxy;

    AllInOneSource(LocalRooms rooms, HlsSource disk, HlsSource proxy) {
        this.rooms = rooms;
        this.disk = disk;
        this.proxy = proxy;
    }

    @Override
    public void serve(HttpServerRequest request, HlsPath path) {
        (rooms.holds(path.roomId()) ? disk : proxy).serve(request, path);
    }
}
