package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for an OpenTelemetry collector: receives the services' OTLP/HTTP span exports and keeps each
 * as it came. No protobuf decoding is needed to look for a secret: strings travel in protobuf as their
 * UTF-8 bytes, trace ids as their 16 raw bytes.
 */
final class SpanCollector implements AutoCloseable {

    private final HttpServer server;

    private final List<byte[]> exports = new CopyOnWriteArrayList<>();

    private SpanCollector() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/v1/traces", this::receive);
        this.server.start();
    }

    static SpanCollector start() {
        try {
            return new SpanCollector();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Where the services send their spans ({@code management.opentelemetry.tracing.export.otlp.endpoint}). */
    String endpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
    }

    /** Whether a span of the trace {@code traceIdHex} (32 hex digits) arrived. */
    boolean received(String traceIdHex) {
        byte[] traceId = HexFormat.of().parseHex(traceIdHex);
        return this.exports.stream().anyMatch((export) -> indexOf(export, traceId) >= 0);
    }

    /** Whether any span that arrived holds {@code text}, anywhere: a name, an attribute, an event. */
    boolean anyHolds(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return this.exports.stream().anyMatch((export) -> indexOf(export, bytes) >= 0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        this.exports.add(exchange.getRequestBody().readAllBytes());
        // An empty ExportTraceServiceResponse: everything accepted.
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer: for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    @Override
    public String toString() {
        return "SpanCollector" + Arrays.asList(this.exports.size(), endpoint());
    }
}
