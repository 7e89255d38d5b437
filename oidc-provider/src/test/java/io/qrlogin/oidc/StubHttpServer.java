package io.qrlogin.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on loopback standing in for session-service in unit tests of its clients: it
 * answers every request under one path with one status and body, remembers what it was asked, and is
 * stopped after each test. Register it with {@code @RegisterExtension}.
 */
public final class StubHttpServer implements AfterEachCallback {

    private final String path;

    private final List<String> requests = new CopyOnWriteArrayList<>();

    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private HttpServer server;

    /** A stub that answers under {@code path}; anything else gets the JDK server's 404. */
    public StubHttpServer(String path) {
        this.path = path;
    }

    /** Starts (again) answering {@code status} with no body; the base URI to give the client under test. */
    public URI answering(int status) throws IOException {
        return answering(status, null);
    }

    /** Starts (again) answering {@code status} with a JSON {@code body}; the base URI to give the client under test. */
    public URI answering(int status, String body) throws IOException {
        stop();
        this.server = LoopbackHttp.start(Map.of(this.path, (exchange) -> {
            this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            this.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }), null);
        return URI.create(LoopbackHttp.baseUrl(this.server));
    }

    /** Each request as {@code METHOD /path}, in order. */
    public List<String> requests() {
        return this.requests;
    }

    /** The body of the last request. */
    public String lastBody() {
        return this.bodies.get(this.bodies.size() - 1);
    }

    public void stop() {
        if (this.server != null) {
            this.server.stop(0);
            this.server = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }

    /** A base URI on a loopback port nothing listens on: the port was free a moment ago and is closed again. */
    public static URI unreachable() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
