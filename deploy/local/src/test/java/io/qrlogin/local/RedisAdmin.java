package io.qrlogin.local;

import java.io.IOException;

/**
 * Administers the local system's Redis as an operator would with {@code redis-cli}, over the launcher's
 * {@link RespClient}, so tests can bring Redis near its memory limit.
 */
final class RedisAdmin {

    private final int port;

    RedisAdmin(int port) {
        this.port = port;
    }

    /** {@code CONFIG SET name value}. */
    void config(String name, String value) throws IOException {
        String reply = RespClient.text(this.port, "CONFIG", "SET", name, value);
        if (!"OK".equals(reply)) {
            throw new IOException("CONFIG SET " + name + " answered " + reply);
        }
    }

    /** {@code used_memory} of {@code INFO memory}, in bytes. */
    long usedMemory() throws IOException {
        for (String line : RespClient.text(this.port, "INFO", "memory").split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        throw new IOException("INFO memory without used_memory");
    }
}
