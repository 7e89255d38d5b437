package io.qrlogin.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Administers the local system's Redis as an operator would with {@code redis-cli}: a few commands in the
 * Redis protocol (RESP) over a plain socket, so tests can bring Redis near its memory limit.
 */
final class RedisAdmin {

    private final int port;

    RedisAdmin(int port) {
        this.port = port;
    }

    /** {@code CONFIG SET name value}. */
    void config(String name, String value) throws IOException {
        String reply = command("CONFIG", "SET", name, value);
        if (!reply.startsWith("+OK")) {
            throw new IOException("CONFIG SET " + name + " answered " + reply);
        }
    }

    /** {@code used_memory} of {@code INFO memory}, in bytes. */
    long usedMemory() throws IOException {
        for (String line : command("INFO", "memory").split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        throw new IOException("INFO memory without used_memory");
    }

    /** Sends one command and reads one reply: a simple string, an error, or a bulk string (its text). */
    private String command(String... words) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = line(in);
            if (!first.startsWith("$")) {
                return first;
            }
            byte[] bulk = in.readNBytes(Integer.parseInt(first.substring(1)));
            return new String(bulk, StandardCharsets.UTF_8);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next >= 0; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
        throw new IOException("Redis closed the connection");
    }
}
