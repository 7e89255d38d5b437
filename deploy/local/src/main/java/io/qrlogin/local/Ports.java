package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports for the parts, and waiting for a part to open or close its port. */
final class Ports {

    private Ports() {
    }

    /**
     * A free TCP port, chosen below the kernel's ephemeral range when there is room: a port from that
     * range may be taken as the local end of an outgoing connection (Kafka clients open many) in the
     * seconds before the process it is meant for binds it.
     */
    static int free() {
        int low = 15000;
        int high = Math.min(ephemeralPortsStart(), 65536);
        for (int attempt = 0; high - low >= 1000 && attempt < 200; attempt++) {
            int port = low + ThreadLocalRandom.current().nextInt(high - low);
            if (isBindable(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static void awaitOpen(String name, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (isListening(port)) {
                return;
            }
            Processes.pause(100);
        }
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout);
    }

    static void awaitClosed(String name, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isListening(port)) {
                return;
            }
            Processes.pause(100);
        }
        throw new IllegalStateException(name + " still listens on port " + port + " after " + timeout);
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range, or 0 where it cannot be read (then no port is below it). */
    private static int ephemeralPortsStart() {
        try {
            // Read as lines: /proc files report a size of 0, which Files.readString trusts.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
    }
}
