package io.qrlogin.oidc.sessionservice;

import java.io.IOException;

import io.qrlogin.oidc.StubHttpServer;
import io.qrlogin.oidc.sessionservice.SessionCheck.Liveness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The session check and end against a real HTTP server standing in for session-service, and against nothing. */
class SessionServiceCheckTest {

    @RegisterExtension
    final StubHttpServer sessionService = new StubHttpServer("/");

    @Test
    void sessionServiceAnswers204ThenLiveAfterPostingTheTouchOfThatSession() throws IOException {
        assertThat(checkAnswered(204).touch("sid-1")).isEqualTo(Liveness.LIVE);
        assertThat(this.sessionService.requests()).containsExactly("POST /internal/sessions/sid-1/touch");
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
        assertThat(new SessionServiceCheck(StubHttpServer.unreachable()).touch("sid-1")).isEqualTo(Liveness.UNKNOWN);
    }

    @Test
    void endAnswered204Or404ThenDoneAfterPostingTheEndOfThatSession() throws IOException {
        assertThat(checkAnswered(204).end("sid-2")).isTrue();
        assertThat(this.sessionService.requests()).containsExactly("POST /internal/sessions/sid-2/end");
        assertThat(checkAnswered(404).end("sid-2")).as("ended already").isTrue();
    }

    @Test
    void endAnsweredAnythingElseOrUnreachableThenNotKnownToBeDone() throws IOException {
        assertThat(checkAnswered(500).end("sid-2")).isFalse();
        this.sessionService.stop();
        assertThat(new SessionServiceCheck(StubHttpServer.unreachable()).end("sid-2")).isFalse();
    }

    private SessionServiceCheck checkAnswered(int status) throws IOException {
        return new SessionServiceCheck(this.sessionService.answering(status));
    }
}
