package io.qrlogin.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The JDK's HTTP server on a free loopback port: what the stand-ins for session-service and for the
 * clients' back-channel logout endpoints answer on, so the provider's HTTP clients are tested over real
 * HTTP.
 */
final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /**
     * A started server with a handler per path prefix.
     *
     * @param executor the threads handlers run on; {@code null} for the server's single thread
     */
    static HttpServer start(Map<String, HttpHandler> handlers, @Nullable Executor executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            handlers.forEach(server::createContext);
            server.setExecutor(executor);
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Where {@code server} listens: {@code http://127.0.0.1:<port>}, without a path. */
    static String baseUrl(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
