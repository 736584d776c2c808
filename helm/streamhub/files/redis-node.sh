#!/bin/sh
# Starts one member of the built-in Redis Sentinel set: `redis-node.sh redis` or `redis-node.sh sentinel`.
#
# Both ask the other members' Sentinels which node is the primary now, so a pod that restarts after
# a failover joins as a replica of the new primary (or monitors it) instead of claiming the role
# back. Only when no other Sentinel answers - a fresh install, or every Sentinel gone at once - is
# node 0 the primary. This pod's own Sentinel is never asked: it restarted with the pod and knows
# only what this script told it.
#
# Environment:
#   NODES        Redis nodes as host:port, node 0 first (the chart: pod FQDNs in ordinal order)
#   SENTINELS    the Sentinels as host:port, in the same order
#   ORDINAL      this member's index (default: the suffix of the pod's host name)
#   MASTER_NAME  the name the Sentinels monitor the set under
#   CONF_DIR     a writable directory for the generated config (Sentinel rewrites its own)
#   DATA_DIR, APPENDONLY, QUORUM, DOWN_AFTER_MS, FAILOVER_TIMEOUT_MS, BIND: optional
set -eu

role=${1:?usage: redis-node.sh redis|sentinel}
: "${NODES:?}" "${SENTINELS:?}" "${MASTER_NAME:?}" "${CONF_DIR:?}"
ORDINAL=${ORDINAL:-$(hostname | sed "s/.*-//")}

# nth INDEX ITEM...: the INDEX-th ITEM.
nth() {
    want=$1
    i=$1
    shift
    for item in "$@"; do
        if [ "$i" -eq 0 ]; then
            echo "$item"
            return 0
        fi
        i=$((i - 1))
    done
    echo "redis-node.sh: no member $want in the list: $*" >&2
    return 1
}

# shellcheck disable=SC2086 # the lists are space-separated on purpose
me_node=$(nth "$ORDINAL" $NODES)
# shellcheck disable=SC2086
me_sentinel=$(nth "$ORDINAL" $SENTINELS)

# The primary as host:port, from the first other Sentinel that knows it; node 0 if none does.
primary() {
    for s in $SENTINELS; do
        if [ "$s" = "$me_sentinel" ]; then
            continue
        fi
        reply=$(timeout 3 redis-cli -h "${s%:*}" -p "${s##*:}" --raw SENTINEL get-master-addr-by-name "$MASTER_NAME" 2>/dev/null) || continue
        # shellcheck disable=SC2086 # split the two-line reply into host and port
        set -- $reply
        if [ $# -eq 2 ] && [ "$2" -gt 0 ] 2>/dev/null; then
            echo "$1:$2"
            return 0
        fi
    done
    # shellcheck disable=SC2086
    nth 0 $NODES
}

# listen PORT: the lines both configs start with (where to listen; reachable by the other pods).
listen() {
    echo "port $1"
    if [ -n "${BIND:-}" ]; then
        echo "bind $BIND"
    fi
    echo "protected-mode no"
}

mkdir -p "$CONF_DIR"
current=$(primary)

case $role in
redis)
    conf=$CONF_DIR/redis.conf
    {
        listen "${me_node##*:}"
        echo "dir ${DATA_DIR:-$CONF_DIR}"
        echo 'save ""'
        echo "appendonly ${APPENDONLY:-no}"
        # Replicas are known by name, not by a pod IP that changes on every restart.
        echo "replica-announce-ip ${me_node%:*}"
        echo "replica-announce-port ${me_node##*:}"
        if [ "$current" != "$me_node" ]; then
            echo "replicaof ${current%:*} ${current##*:}"
        fi
    } >"$conf"
    if [ "$current" = "$me_node" ]; then
        echo "redis-node.sh: starting $me_node as the primary"
    else
        echo "redis-node.sh: starting $me_node as a replica of $current"
    fi
    exec redis-server "$conf"
    ;;
sentinel)
    conf=$CONF_DIR/sentinel.conf
    {
        listen "${me_sentinel##*:}"
        echo "sentinel resolve-hostnames yes"
        echo "sentinel announce-hostnames yes"
        echo "sentinel announce-ip ${me_sentinel%:*}"
        echo "sentinel announce-port ${me_sentinel##*:}"
        echo "sentinel monitor $MASTER_NAME ${current%:*} ${current##*:} ${QUORUM:-2}"
        echo "sentinel down-after-milliseconds $MASTER_NAME ${DOWN_AFTER_MS:-5000}"
        echo "sentinel failover-timeout $MASTER_NAME ${FAILOVER_TIMEOUT_MS:-30000}"
        echo "sentinel parallel-syncs $MASTER_NAME 1"
    } >"$conf"
    echo "redis-node.sh: sentinel $me_sentinel monitors $MASTER_NAME at $current"
    exec redis-sentinel "$conf"
    ;;
*)
    echo "redis-node.sh: unknown role '$role' (redis or sentinel)" >&2
    exit 2
    ;;
esac
