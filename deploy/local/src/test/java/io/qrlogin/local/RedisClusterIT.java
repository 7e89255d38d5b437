package io.qrlogin.local;

/**
 * The whole system, unchanged, on a real Redis Cluster started from {@code redis-server} processes
 * (three masters with a replica each): every Lua script, the rate limiter, sessions, the socket's re-read and the
 * OpenID Provider's session work on it, and a master killed mid-login costs a few seconds of clear 503s,
 * no ticket answered twice and no confirm lost.
 */
class RedisClusterIT extends RedisTopologyLogins {

    RedisClusterIT() {
        super(RedisTopology.CLUSTER);
    }
}
