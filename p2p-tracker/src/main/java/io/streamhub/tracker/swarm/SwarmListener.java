package io.streamhub.tracker.swarm;

/** Peer count changes, for the metrics gauges. */
public interface SwarmListener {

    void peerAdded();

    void peerRemoved();
}
