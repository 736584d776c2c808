package io.streamhub.tracker.swarm;

/**
 * A swarm is an info_hash within one {@code <app>/<room>[/<shard>]} URL: the same info_hash announced
 * under two apps, or two shards of a room, is two swarms, so viewers are never introduced across them.
 */
public record SwarmKey(String app, String room, int shard, String infoHash) {
}
