package io.streamhub.router.origin;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.http.HlsResponder;
import io.streamhub.router.http.HttpErrors;
import io.streamhub.router.http.Representation;
import io.streamhub.router.playlist.ContinuousSequence;
import io.streamhub.router.playlist.DigestTags;
import io.streamhub.router.playlist.MasterPlaylist;
import io.streamhub.router.playlist.PlaylistTrimmer;
import io.streamhub.router.redis.AppSettings;
import io.streamhub.router.source.HlsSource;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.HlsFileType;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.HlsPath;
import io.streamhub.shared.RoomId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jboss.logging.Logger;

/**
 * Serves {@code <dataDir>/apps/<app>/hls/<room>/[<rendition>/]<file>} from local disk. The public
 * playlist name serves the egress's live playlist, numbered on across egress restarts
 * ({@link ContinuousSequence}) and cut to the app's {@code list_size}; segments go
 * out with zero-copy {@code sendFile}. A file is served only if its real path is inside the tree.
 */
@ApplicationScoped
@Tier(Tier.Kind.DISK) // the role wiring decides which HlsSource is used
public class OriginSource implements HlsSource {

    private static final Logger LOG = Logger.getLogger(OriginSource.class);

    private final Vertx vertx;
    private final FileSystem fs;
    private final HlsResponder responder;
    private final HttpErrors errors;
    private final AppSettings settings;
    private final SequenceStore sequences;
    private final Path appsRoot;
    private final String livePlaylist;
    private final String publicPlaylist;
    private final SegmentDigests digests;
    private final boolean hideRecording;
    private volatile Path realRoot;

    public OriginSource(Vertx vertx, HlsResponder responder, HttpErrors errors, AppSettings settings, SequenceStore sequences,
                        RouterConfig config) {
        this.vertx = vertx;
        this.fs = vertx.fileSystem();
        this.responder = responder;
        this.errors = errors;
        this.settings = settings;
        this.sequences = sequences;
        this.appsRoot = HlsLayout.appsRoot(config.origin().dataDir().toAbsolutePath().normalize());
        this.livePlaylist = config.origin().livePlaylistName();
        this.publicPlaylist = config.origin().publicPlaylistName();
        this.digests = config.origin().segmentDigests() ? new SegmentDigests(50_000) : null;
        this.hideRecording = config.origin().retention().enabled() && !config.origin().retention().keepRecording();
    }

    @Override
    public void serve(HttpServerRequest request, HlsPath path) {
        Path roomDir = HlsLayout.roomDir(appsRoot, path.app(), path.room());
        Path dir = path.rendition() == null ? roomDir : roomDir.resolve(path.rendition());
        Path file = dir.resolve(path.file());
        java.util.Optional<String> vodSession = HlsLayout.vodSessionOf(path.file());
        if (vodSession.isPresent()) {
            serveVod(request, path, dir, vodSession.get());
            return;
        }
        if (hideRecording && HlsLayout.isRecording(path.file())) {
            // Retention deletes what only the recording lists; a half-deleted recording is not served.
            errors.send(request.response(), 404, "not found");
            return;
        }
        if (path.file().equals(publicPlaylist)) {
            Path live = dir.resolve(livePlaylist);
            regularFile(live).onComplete(ar -> {
                if (ar.succeeded() && ar.result() != null) {
                    serveLivePlaylist(request, path, dir, live, ar.result());
                } else if (path.rendition() == null) {
                    serveMasterOrFile(request, path, dir, file);
                } else {
                    serveFile(request, path, file);
                }
            });
        } else {
            serveFile(request, path, file);
        }
    }

    /**
     * A session's VOD ({@link VodPlaylist}), for an app that keeps VOD and while its retention lasts,
     * counted from the session's last change; at the room's level with rendition folders, the
     * multivariant playlist of the renditions that recorded it. Anything else is a 404.
     */
    private void serveVod(HttpServerRequest request, HlsPath path, Path dir, String session) {
        settings.vodRetentionMillis(path.app()).onComplete(r -> {
            long retention = r.succeeded() ? r.result() : 0;
            if (retention <= 0) { // none, or not known yet: nothing is served that might be past its retention
                errors.send(request.response(), 404, "this app keeps no VOD");
                return;
            }
            vertx.executeBlocking(() -> {
                Path real = dir.toRealPath();
                if (!real.startsWith(realRoot())) {
                    return null;
                }
                long now = System.currentTimeMillis();
                var found = VodPlaylist.build(real, session, now);
                if (found.isPresent()) {
                    return now - found.get().lastModifiedMillis() > retention ? null : found.get().text();
                }
                return path.rendition() == null
                        ? MasterPlaylist.build(real, folder -> VodPlaylist.hasRecording(folder, session), path.file()) : null;
            }, false).onComplete(ar -> {
                if (ar.failed()) {
                    fail(request, path, ar.cause());
                } else if (ar.result() == null) {
                    errors.send(request.response(), 404, "no such recording");
                } else {
                    sendPlaylistText(request, path, ar.result(), new FileProps(0, System.currentTimeMillis()));
                }
            });
        });
    }

    private void serveFile(HttpServerRequest request, HlsPath path, Path file) {
        regularFile(file).onComplete(ar -> {
            if (ar.failed()) {
                fail(request, path, ar.cause());
            } else if (ar.result() == null) {
                errors.send(request.response(), 404, "not found");
            } else {
                FileProps props = ar.result();
                responder.send(request, path, Representation.ofFile(path.type(), file.toString(), props.size(), props.lastModifiedTime()));
            }
        });
    }

    /** A room with rendition folders and no playlist of its own gets the multivariant playlist. */
    private void serveMasterOrFile(HttpServerRequest request, HlsPath path, Path roomDir, Path file) {
        vertx.executeBlocking(() -> {
            Path real = roomDir.toRealPath();
            return real.startsWith(realRoot()) ? MasterPlaylist.build(real, livePlaylist, publicPlaylist) : null;
        }, false).onComplete(ar -> {
            if (ar.succeeded() && ar.result() != null) {
                sendPlaylistText(request, path, ar.result(), new FileProps(0, System.currentTimeMillis()));
            } else {
                serveFile(request, path, file);
            }
        });
    }

    private void serveLivePlaylist(HttpServerRequest request, HlsPath path, Path dir, Path live, FileProps props) {
        Future.all(fs.readFile(live.toString()), settings.listSize(path.app())).onComplete(ar -> {
            if (ar.failed()) {
                fail(request, path, ar.cause());
                return;
            }
            String text = ar.result().<Buffer>resultAt(0).toString(StandardCharsets.UTF_8);
            int listSize = ar.result().resultAt(1);
            if (!ContinuousSequence.hasGeneration(text)) {
                sendPlaylist(request, path, text, listSize, dir, props);
                return;
            }
            RoomId room = path.roomId();
            sequences.load(room, path.rendition()).onComplete(loaded -> {
                SequenceStore.Known known = loaded.result(); // load never fails
                // Without Redis the playlist goes out numbered as the egress numbers it, and nothing is kept.
                ContinuousSequence.Outcome renumbered = known.reachable()
                        ? ContinuousSequence.apply(text, known.state(), known.sibling()) : null;
                if (renumbered == null) {
                    sendPlaylist(request, path, text, listSize, dir, props);
                    return;
                }
                sequences.save(room, path.rendition(), known.state(), renumbered.state());
                sendPlaylist(request, path, renumbered.playlist(), listSize, dir, props);
            });
        });
    }

    private void sendPlaylist(HttpServerRequest request, HlsPath path, String text, int listSize, Path dir, FileProps props) {
        String trimmed = PlaylistTrimmer.trim(text, listSize);
        if (digests == null) {
            sendPlaylistText(request, path, trimmed, props);
            return;
        }
        // Every listed segment is usually hashed already: tag on the event loop; hash new ones on a worker.
        boolean[] missing = {false};
        String tagged = DigestTags.apply(trimmed, uri -> {
            var d = digests.known(dir, uri);
            missing[0] |= d.isEmpty();
            return d;
        });
        if (!missing[0]) {
            sendPlaylistText(request, path, tagged, props);
            return;
        }
        vertx.executeBlocking(() -> {
            Path root = realRoot();
            return DigestTags.apply(trimmed, uri -> digests.of(dir, root, uri));
        }, false).onComplete(ar -> sendPlaylistText(request, path, ar.succeeded() ? ar.result() : trimmed, props));
    }

    private void sendPlaylistText(HttpServerRequest request, HlsPath path, String text, FileProps props) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        responder.send(request, path, Representation.ofBuffer(HlsFileType.M3U8, Buffer.buffer(bytes),
                Representation.checksumEtag('p', bytes), props.lastModifiedTime()));
    }

    /**
     * The file's size and mtime when it is a regular file whose real path lies inside the HLS tree;
     * {@code null} when absent. Resolving the real path catches symlinked files <em>and</em>
     * symlinked directories on the way (a rendition folder linking to {@code /}, say).
     */
    private Future<FileProps> regularFile(Path file) {
        return vertx.executeBlocking(() -> {
            try {
                Path real = file.toRealPath();
                if (!real.startsWith(realRoot())) {
                    return null;
                }
                BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return attrs.isRegularFile() ? new FileProps(attrs.size(), attrs.lastModifiedTime().toMillis()) : null;
            } catch (NoSuchFileException | NotDirectoryException e) {
                return null;
            }
        }, false);
    }

    /** The tree's real path; resolved late because the egress may create it after we start. */
    private Path realRoot() throws IOException {
        Path r = realRoot;
        if (r == null) {
            r = appsRoot.toRealPath();
            realRoot = r;
        }
        return r;
    }

    /** What is needed of a served file. */
    private record FileProps(long size, long lastModifiedTime) {
    }

    private static boolean isAbsent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException || t instanceof NotDirectoryException) {
                return true;
            }
        }
        return false;
    }

    private void fail(HttpServerRequest request, HlsPath path, Throwable cause) {
        if (isAbsent(cause)) {
            errors.send(request.response(), 404, "not found");
            return;
        }
        LOG.warnf("cannot read %s: %s", path.relative(), cause.toString());
        errors.send(request.response(), 500, "cannot read file");
    }
}
