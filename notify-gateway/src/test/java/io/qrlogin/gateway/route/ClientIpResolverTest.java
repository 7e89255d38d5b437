package io.qrlogin.gateway.route;

import java.net.InetSocketAddress;
import java.net.URI;

import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ClientIpResolverTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("10.1.2.3", 40000);

    @Test
    void resolveWhenNoTrustedProxyThenThePeerWhateverTheHeadersSay() {
        ClientIpResolver resolver = new ClientIpResolver(0);

        assertThat(resolver.resolve(request("198.51.100.1, 203.0.113.9"))).isEqualTo("10.1.2.3");
        assertThat(resolver.resolve(request())).isEqualTo("10.1.2.3");
    }

    @ParameterizedTest(name = "{0} trusted, X-Forwarded-For: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # The client wrote the first entry itself; the trusted proxy appended the last.
            1 | 198.51.100.1, 203.0.113.9
            1 | 203.0.113.9
            2 | 198.51.100.1, 203.0.113.9, 10.0.0.7
            # Fewer entries than hops: the leftmost is the best there is.
            2 | 203.0.113.9
            """)
    void resolveBehindTrustedProxiesThenTheAddressTheOutermostOneSaw(int trustedProxies, String forwardedFor) {
        assertThat(new ClientIpResolver(trustedProxies).resolve(request(forwardedFor))).isEqualTo("203.0.113.9");
    }

    @Test
    void resolveWhenSeveralHeaderLinesThenOneList() {
        ClientIpResolver resolver = new ClientIpResolver(1);

        assertThat(resolver.resolve(request("198.51.100.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void resolveWhenTrustedProxyButNoHeaderThenThePeer() {
        assertThat(new ClientIpResolver(1).resolve(request())).isEqualTo("10.1.2.3");
        assertThat(new ClientIpResolver(1).resolve(request(" , "))).isEqualTo("10.1.2.3");
    }

    @ParameterizedTest(name = "X-Forwarded-For: {0}")
    @ValueSource(strings = { "localhost", "evil.example", "unknown", "203.0.113.9:4711", "999.1.1.1" })
    void resolveWhenEntryIsNotAnIpLiteralThenThePeerAndNoLookup(String forwardedFor) {
        assertThat(new ClientIpResolver(1).resolve(request(forwardedFor))).isEqualTo("10.1.2.3");
    }

    @ParameterizedTest(name = "X-Forwarded-For: {0}")
    @CsvSource({ "2001:db8::1, 2001:db8:0:0:0:0:0:1", "[2001:db8::2], 2001:db8:0:0:0:0:0:2" })
    void resolveWhenIpv6ThenCanonicalForm(String forwardedFor, String canonical) {
        assertThat(new ClientIpResolver(1).resolve(request(forwardedFor))).isEqualTo(canonical);
    }

    @Test
    void resolveWhenServerRewroteTheRemoteAddressThenStillTheTcpPeer() {
        // What server.forward-headers-strategy or the gateway's trusted-proxies would do with a
        // client-supplied X-Forwarded-For: the request's remote address is no longer the peer.
        Connection connection = mock(Connection.class);
        Channel channel = mock(Channel.class);
        given(connection.channel()).willReturn(channel);
        given(channel.remoteAddress()).willReturn(PEER);
        HttpHeaders headers = new HttpHeaders();
        headers.add(ClientIpResolver.X_FORWARDED_FOR, "198.51.100.1");

        NettyRequest request = new NettyRequest(headers, new InetSocketAddress("198.51.100.1", 0), connection);

        assertThat(new ClientIpResolver(0).resolve(request)).isEqualTo("10.1.2.3");
    }

    @Test
    void resolveWhenPeerUnknownThenNull() {
        assertThat(new ClientIpResolver(0).resolve(MockServerHttpRequest.get("/").build())).isNull();
    }

    @Test
    void newWhenNegativeHopsThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientIpResolver(-1));
    }

    private static MockServerHttpRequest request(String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/api/qr").remoteAddress(PEER);
        for (String line : forwardedFor) {
            builder.header(ClientIpResolver.X_FORWARDED_FOR, line);
        }
        return builder.build();
    }

    /** A server request as Reactor Netty hands it over: its native request is the connection. */
    private static final class NettyRequest extends AbstractServerHttpRequest {

        private final InetSocketAddress remoteAddress;

        private final Connection connection;

        NettyRequest(HttpHeaders headers, InetSocketAddress remoteAddress, Connection connection) {
            super(HttpMethod.GET, URI.create("http://localhost/api/qr"), "", headers);
            this.remoteAddress = remoteAddress;
            this.connection = connection;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return this.remoteAddress;
        }

        @Override
        protected MultiValueMap<String, HttpCookie> initCookies() {
            return new LinkedMultiValueMap<>();
        }

        @Override
        protected SslInfo initSslInfo() {
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getNativeRequest() {
            return (T) this.connection;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }
    }
}
