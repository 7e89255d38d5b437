package io.qrlogin.gateway.socket;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts the browser sockets each client IP address holds on this instance, so one address cannot
 * take every socket the instance can hold. Entries disappear with an address's last socket.
 */
final class SocketsPerAddress {

    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();

    private final int max;

    /** At most {@code max} sockets per address; {@link Integer#MAX_VALUE} for no cap. */
    SocketsPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        this.max = max;
    }

    /** Counts one more socket for {@code address}, unless it holds the most already: then {@code false}. */
    boolean acquire(String address) {
        boolean[] acquired = new boolean[1];
        this.held.compute(address, (key, count) -> {
            int now = (count != null) ? count : 0;
            acquired[0] = now < this.max;
            return acquired[0] ? now + 1 : count;
        });
        return acquired[0];
    }

    /** One socket of {@code address} ended (only after {@link #acquire} said yes). */
    void release(String address) {
        this.held.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
    }

    /** Sockets {@code address} holds now. */
    int held(String address) {
        return this.held.getOrDefault(address, 0);
    }
}
