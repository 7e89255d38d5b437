package io.qrlogin.support.web;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static final String HEADER = "X-QrLogin-Client-Ip";

    @Test
    void ofWhenTrustedHeaderPresentThenItsFirstAddress() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/").header(HEADER, "203.0.113.9, 10.0.0.1")
            .remoteAddress(new InetSocketAddress("10.1.2.3", 4000)).build();
        assertThat(ClientAddress.of(request, HEADER)).isEqualTo("203.0.113.9");
    }

    @Test
    void ofWhenHeaderMissingOrNotAnAddressThenPeer() {
        MockServerHttpRequest missing = MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress("10.1.2.3", 4000)).build();
        MockServerHttpRequest hostname = MockServerHttpRequest.get("/").header(HEADER, "evil.example")
            .remoteAddress(new InetSocketAddress("10.1.2.3", 4000)).build();
        MockServerHttpRequest outOfRange = MockServerHttpRequest.get("/").header(HEADER, "999.1.1.1")
            .remoteAddress(new InetSocketAddress("10.1.2.3", 4000)).build();
        assertThat(ClientAddress.of(missing, HEADER)).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of(hostname, HEADER)).isEqualTo("10.1.2.3");
        assertThat(ClientAddress.of(outOfRange, HEADER)).isEqualTo("10.1.2.3");
    }

    @Test
    void sameNetworkWhenSameIpv4ThenTrue() {
        assertThat(ClientAddress.sameNetwork("198.51.100.4", "198.51.100.4")).isTrue();
        assertThat(ClientAddress.sameNetwork("198.51.100.4", "198.51.100.5")).isFalse();
    }

    @Test
    void sameNetworkWhenSameIpv6PrefixThenTrue() {
        assertThat(ClientAddress.sameNetwork("2001:db8:1:2::10", "2001:db8:1:2:abcd::1")).isTrue();
        assertThat(ClientAddress.sameNetwork("2001:db8:1:2::10", "2001:db8:1:3::10")).isFalse();
    }

    @Test
    void sameNetworkWhenBothAreThisHostsLoopbackThenTrueWhateverTheFamily() {
        assertThat(ClientAddress.sameNetwork("127.0.0.1", "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ClientAddress.sameNetwork("::1", "127.0.0.1")).isTrue();
        assertThat(ClientAddress.sameNetwork("127.0.0.1", "198.51.100.4")).isFalse();
    }

    @Test
    void sameNetworkWhenUnknownOrMixedThenFalse() {
        assertThat(ClientAddress.sameNetwork(null, "198.51.100.4")).isFalse();
        assertThat(ClientAddress.sameNetwork("198.51.100.4", "2001:db8::1")).isFalse();
        assertThat(ClientAddress.sameNetwork("not-an-ip", "not-an-ip")).isFalse();
    }
}
