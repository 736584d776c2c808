package io.streamhub.egress.simulated;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.EgressApi;
import io.streamhub.egress.driver.EgressApiException;
import io.streamhub.egress.driver.EgressSnapshot;
import io.streamhub.egress.driver.HlsEgressRequest;
import io.streamhub.egress.driver.MediaNode;
import io.streamhub.egress.driver.RoomSnapshot;
import io.streamhub.shared.Rendition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * SIMULATED egress, for development and demos without LiveKit: "starting an egress" writes a real,
 * looping live HLS stream ({@link LoopingHlsWriter}) into the same folder layout a LiveKit egress
 * would, under the origin router's data dir. The rooms it pretends are open come from
 * {@code orchestrator.simulated.rooms}. Never use it in production: there is no camera behind it.
 */
public class SimulatedEgressApi implements EgressApi {

    private static final Logger LOG = Logger.getLogger(SimulatedEgressApi.class);

    private record Stream(String egressId, String roomName, String prefix, long startedAt,
                          LoopingHlsWriter writer, ScheduledFuture<?> task, HlsSink sink) {
    }

    private final Path root;
    private final OrchestratorConfig.Simulated config;
    private final List<byte[]> samples = SampleMedia.load(false);
    private final List<byte[]> audioSamples = SampleMedia.load(true);
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-egress");
        t.setDaemon(true);
        return t;
    });

    public SimulatedEgressApi(OrchestratorConfig.Simulated config) {
        this.root = Path.of(config.dataDir()).toAbsolutePath().normalize();
        this.config = config;
        LOG.warnf("SIMULATED egress: writing looping test streams under %s (no LiveKit)", root);
    }

    @Override
    public String startHls(MediaNode node, HlsEgressRequest r) throws EgressApiException {
        String name = r.filenamePrefix().substring(r.filenamePrefix().lastIndexOf('/') + 1);
        String folder = r.filenamePrefix().substring(0, r.filenamePrefix().length() - name.length());
        HlsSink sink;
        String where;
        if (r.upload().isPresent()) {
            // As LiveKit: the output paths are keys in the bucket, and the node's disk gets nothing.
            if (folder.contains("..") || folder.startsWith("/")) {
                throw new EgressApiException("key outside the prefix: " + r.filenamePrefix());
            }
            sink = new BucketSink(r.upload().get(), folder);
            where = "s3://" + r.upload().get().bucket() + "/" + folder;
        } else {
            Path prefix = root.resolve(r.filenamePrefix()).normalize();
            if (!prefix.startsWith(root) || prefix.getParent() == null) {
                throw new EgressApiException("output outside the data dir: " + r.filenamePrefix());
            }
            sink = new FolderSink(prefix.getParent());
            where = prefix.getParent().toString();
        }
        // The app's segment length in whole samples; the loop (12 s) is the longest a segment can be.
        int perSegment = (int) Math.max(1, Math.round(r.segmentSeconds() / SampleMedia.SECONDS));
        LoopingHlsWriter writer = new LoopingHlsWriter(sink, name,
                Path.of(r.livePlaylistName()).getFileName().toString(), Path.of(r.playlistName()).getFileName().toString(),
                Rendition.ofWire(r.rendition()).map(Rendition::audioOnly).orElse(false) ? audioSamples : samples, perSegment, config.liveWindow(), config.keepSegments());
        if (writer.samplesPerSegment() * SampleMedia.SECONDS != r.segmentSeconds()) {
            LOG.infof("simulated egress for %s: %d-s segments asked for, %.0f-s written (whole %.0f-s samples, at most the loop)",
                    r.roomName(), r.segmentSeconds(), writer.samplesPerSegment() * SampleMedia.SECONDS, SampleMedia.SECONDS);
        }
        String id = "EG_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long interval = config.segmentInterval().toMillis();
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(() -> {
            try {
                writer.tick();
            } catch (IOException e) {
                LOG.warnf("simulated egress %s cannot write to %s: %s", id, where, e.getMessage());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
        streams.put(id, new Stream(id, r.roomName(), r.filenamePrefix(), System.currentTimeMillis(), writer, task, sink));
        return id;
    }

    @Override
    public List<EgressSnapshot> listActive(MediaNode node, String roomName) {
        return streams.values().stream().filter(s -> roomName == null || s.roomName.equals(roomName))
                .map(s -> new EgressSnapshot(s.roomName, s.egressId, true, s.prefix, s.startedAt)).toList();
    }

    @Override
    public void stop(MediaNode node, String egressId) throws EgressApiException {
        Stream s = streams.remove(egressId);
        if (s == null) {
            throw new EgressApiException("no egress " + egressId);
        }
        s.task.cancel(false);
        // As an egress ends its recording when it stops; on the timer thread, after any tick in progress.
        timer.execute(() -> {
            try {
                s.writer.finish();
            } catch (IOException e) {
                LOG.warnf("simulated egress %s could not end its recording: %s", egressId, e.getMessage());
            } finally {
                if (s.sink instanceof BucketSink b) {
                    b.close();
                }
            }
        });
    }

    @Override
    public List<RoomSnapshot> listRooms(MediaNode node) {
        return config.rooms().orElse(List.of()).stream().distinct().map(n -> new RoomSnapshot(n, 1)).toList();
    }
}
