package io.qrlogin.gateway.route;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for one of the services behind the gateway, on the JDK's HTTP server: it answers every
 * request with JSON saying who it is and what it received.
 */
final class StubService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;

    private final HttpServer server;

    private StubService(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/", this::answer);
        this.server.start();
    }

    static StubService start(String name) {
        try {
            return new StubService(name);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", this.name);
        body.put("method", exchange.getRequestMethod());
        body.put("path", exchange.getRequestURI().getRawPath());
        body.put("query", exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(), values));
        body.put("headers", headers);
        byte[] json = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
