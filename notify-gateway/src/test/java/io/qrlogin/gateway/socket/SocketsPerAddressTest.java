package io.qrlogin.gateway.socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SocketsPerAddressTest {

    private final SocketsPerAddress sockets = new SocketsPerAddress(2);

    @Test
    void capPerAddressAndEachAddressApart() {
        assertThat(this.sockets.acquire("198.51.100.1")).isTrue();
        assertThat(this.sockets.acquire("198.51.100.1")).isTrue();
        assertThat(this.sockets.acquire("198.51.100.1")).isFalse();
        assertThat(this.sockets.held("198.51.100.1")).isEqualTo(2);
        assertThat(this.sockets.acquire("198.51.100.2")).isTrue();
    }

    @Test
    void releaseMakesRoomAndForgetsAnAddressWithNoSocket() {
        this.sockets.acquire("198.51.100.1");
        this.sockets.acquire("198.51.100.1");
        this.sockets.release("198.51.100.1");
        assertThat(this.sockets.acquire("198.51.100.1")).isTrue();
        this.sockets.release("198.51.100.1");
        this.sockets.release("198.51.100.1");
        assertThat(this.sockets.held("198.51.100.1")).isZero();
        this.sockets.release("198.51.100.1");
        assertThat(this.sockets.held("198.51.100.1")).isZero();
    }

    @Test
    void capMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SocketsPerAddress(0));
    }
}
