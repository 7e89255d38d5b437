package io.qrlogin.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system, unchanged, on a real Redis Sentinel started from {@code redis-server} processes
 * (a master, a replica and three sentinels): every Lua script, the rate limiter, sessions, the socket's re-read and the
 * OpenID Provider's session work on it, and a master killed mid-login costs a few seconds of clear 503s,
 * no ticket answered twice and no confirm lost.
 */
class RedisSentinelIT extends RedisTopologyLogins {

    private static LocalSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = start(RedisTopology.SENTINEL);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aWholeLoginAndTheOpenIdProvidersSessionWorkBehindSentinels() throws Exception {
        aWholeLoginAndItsSessionWork(system);
        theOpenIdProvidersSessionWorks(system);
    }

    @Test
    void masterKilledMidLoginThenClear503sUntilTheFailoverThenTheLoginCompletesOnce() throws Exception {
        aMasterKilledMidLoginThenCallsAreRefusedClearlyUntilTheFailoverAndNothingIsLost(system);
    }
}
