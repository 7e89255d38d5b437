package io.qrlogin.local;

import java.util.Locale;

/**
 * How the local system runs Redis ({@code QRLOGIN_LOCAL_REDIS}): one server, a Sentinel group (a master, a
 * replica and three sentinels), or a Cluster (three masters, three replicas). The services are the same
 * jars on each; only their {@code spring.data.redis.*} settings differ.
 */
public enum RedisTopology {

    /** One {@code redis-server}: {@code spring.data.redis.url}. */
    STANDALONE,

    /** A master, a replica and three sentinels: {@code spring.data.redis.sentinel.master} and {@code .nodes}. */
    SENTINEL,

    /** Three masters with a replica each: {@code spring.data.redis.cluster.nodes}. */
    CLUSTER;

    /** The environment variable that chooses the topology for {@code deploy/local/run.sh}. */
    public static final String VARIABLE = "QRLOGIN_LOCAL_REDIS";

    /** The topology {@code value} names ({@code standalone}, {@code sentinel}, {@code cluster}); blank is standalone. */
    public static RedisTopology of(String value) {
        if (value == null || value.isBlank()) {
            return STANDALONE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(VARIABLE + " must be standalone, sentinel or cluster, not " + value, ex);
        }
    }

    /** The topology {@code QRLOGIN_LOCAL_REDIS} names. */
    public static RedisTopology fromEnvironment() {
        return of(System.getenv(VARIABLE));
    }
}
