package io.streamhub.tracker.swarm;

/**
 * A swarm is an info_hash within one {@code <app>/<room>} URL: the same info_hash announced under two
 * apps is two swarms, so one app's viewers are never introduced to another's.
 */
public record SwarmKey(String app, String room, String infoHash) {
}
