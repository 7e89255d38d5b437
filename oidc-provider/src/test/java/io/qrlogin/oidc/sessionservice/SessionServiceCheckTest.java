package io.qrlogin.oidc.sessionservice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.qrlogin.oidc.sessionservice.SessionCheck.Liveness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The session check and end against a real HTTP server standing in for session-service, and against nothing. */
class SessionServiceCheckTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @AfterEach
    void stop() {
        if (this.server != null) {
            this.server.stop(0);
        }
    }

    @Test
    void sessionServiceAnswers204ThenLiveAfterPostingTheTouchOfThatSession() throws IOException {
        assertThat(checkAnswered(204).touch("sid-1")).isEqualTo(Liveness.LIVE);
        assertThat(this.requests).containsExactly("POST /internal/sessions/sid-1/touch");
    }

    @Test
    void sessionServiceAnswers404ThenEnded() throws IOException {
        assertThat(checkAnswered(404).touch("sid-1")).isEqualTo(Liveness.ENDED);
    }

    @Test
    void sessionServiceAnswersAnythingElseThenUnknown() throws IOException {
        assertThat(checkAnswered(500).touch("sid-1")).isEqualTo(Liveness.UNKNOWN);
        assertThat(checkAnswered(401).touch("sid-1")).isEqualTo(Liveness.UNKNOWN);
    }

    @Test
    void sessionServiceUnreachableThenUnknown() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
        }

        assertThat(new SessionServiceCheck(URI.create("http://127.0.0.1:" + port)).touch("sid-1"))
            .isEqualTo(Liveness.UNKNOWN);
    }

    @Test
    void endAnswered204Or404ThenDoneAfterPostingTheEndOfThatSession() throws IOException {
        assertThat(checkAnswered(204).end("sid-2")).isTrue();
        assertThat(this.requests).containsExactly("POST /internal/sessions/sid-2/end");
        assertThat(checkAnswered(404).end("sid-2")).as("ended already").isTrue();
    }

    @Test
    void endAnsweredAnythingElseOrUnreachableThenNotKnownToBeDone() throws IOException {
        assertThat(checkAnswered(500).end("sid-2")).isFalse();
        stop();
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
        }
        assertThat(new SessionServiceCheck(URI.create("http://127.0.0.1:" + port)).end("sid-2")).isFalse();
    }

    private SessionServiceCheck checkAnswered(int status) throws IOException {
        stop();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/", (exchange) -> {
            this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        this.server.start();
        return new SessionServiceCheck(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()));
    }
}
