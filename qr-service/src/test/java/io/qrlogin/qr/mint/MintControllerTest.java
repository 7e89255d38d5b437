package io.qrlogin.qr.mint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.qr.WebSliceConfiguration;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** {@code POST /api/qr} in a web slice: what the controller adds to the mint command. No Redis, no Kafka. */
@WebFluxTest(controllers = MintController.class,
        properties = { "qrlogin.public-base-url=https://login.example.com", "qrlogin.clients.web.name=Web",
                "qrlogin.clients.web.origins=https://login.example.com", "qrlogin.clients.portal.name=Intranet portal",
                "qrlogin.clients.portal.origins=https://portal.example.com", "qrlogin.clients.portal.number-matching=true",
                "qrlogin.clients.portal.confirm-identity-in-browser=false" })
@Import({ WebSliceConfiguration.class, Minting.class, MintResponses.class })
class MintControllerTest {

    @Autowired
    private WebTestClient client;

    @MockitoBean
    private TicketCommands tickets;

    @MockitoBean
    private MintGuard guard;

    private final String challenge = Pkce.s256(TestTickets.verifier());

    @BeforeEach
    void mintAnswersTheTicketItWasAskedFor() {
        given(this.guard.admits()).willReturn(true);
        given(this.guard.retryAfter()).willReturn(Duration.ofSeconds(5));
        given(this.tickets.mint(anyString(), anyString(), anyString(), any(), anyBoolean())).willAnswer((call) -> {
            Ticket ticket = TestTickets.ticket().qrId(call.getArgument(0)).clientId(call.getArgument(1))
                .verifier(TestTickets.verifier()).browser(call.getArgument(3)).build();
            return Mono.just(ticket);
        });
    }

    @Test
    void mintThenCreatedWithTheTicketsIdItsQrCodeAndItsTimeNeverCached() {
        Map<String, Object> body = calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256"))
            .expectStatus().isCreated()
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody();

        ArgumentCaptor<String> qrId = ArgumentCaptor.forClass(String.class);
        verify(this.tickets).mint(qrId.capture(), eq("web"), eq(this.challenge),
                eq(new BrowserContext(MintCalls.CLIENT_IP, MintCalls.USER_AGENT)), eq(false));
        assertThat(QrIds.isWellFormed(qrId.getValue())).as("a fresh id").isTrue();
        assertThat(body).containsOnlyKeys("qrId", "qrUrl", "image", "expiresAt", "expiresIn", "confirmIdentity")
            .containsEntry("confirmIdentity", true)
            .containsEntry("qrId", qrId.getValue())
            .containsEntry("qrUrl", "https://login.example.com/q/" + qrId.getValue())
            .containsEntry("expiresIn", 120);
        assertThat((String) body.get("image")).startsWith("data:image/png;base64,");
    }

    @Test
    void mintWhileRedisIsNearlyFullThenUnavailableWithRetryAfterAndNothingMinted() {
        given(this.guard.admits()).willReturn(false);

        expectProblem(calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256"))
            .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), ProblemCode.UNAVAILABLE);
        verify(this.tickets, never()).mint(anyString(), anyString(), anyString(), any(), anyBoolean());
    }

    @Test
    void mintTwiceThenTwoDifferentIds() {
        calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256")).expectStatus().isCreated();
        calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256")).expectStatus().isCreated();

        ArgumentCaptor<String> qrIds = ArgumentCaptor.forClass(String.class);
        verify(this.tickets, times(2)).mint(qrIds.capture(), anyString(), anyString(), any(),
                anyBoolean());
        assertThat(qrIds.getAllValues()).doesNotHaveDuplicates();
    }

    @Test
    void mintForAClientWithNumberMatchingThenTheTicketRequiresIt() {
        calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256", "clientId", "portal"),
                "https://portal.example.com")
            .expectStatus().isCreated();

        verify(this.tickets).mint(anyString(), eq("portal"), eq(this.challenge),
                eq(new BrowserContext(null, null, "https://portal.example.com")), eq(true));
    }

    @Test
    void mintForAClientThatDoesNotConfirmIdentityInTheBrowserThenTheWidgetIsToldSo() {
        calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256", "clientId", "portal"),
                "https://portal.example.com")
            .expectStatus().isCreated()
            .expectBody().jsonPath("$.confirmIdentity").isEqualTo(false);
    }

    @Test
    void mintWhenSvgRequestedThenSvgDataUri() {
        calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256", "imageFormat", "svg"))
            .expectStatus().isCreated()
            .expectBody().jsonPath("$.image").value((image) -> assertThat((String) image)
                .startsWith("data:image/svg+xml;base64,"));
    }

    @Test
    void mintWithoutAnEdgeHeaderOrUserAgentThenTheTicketKnowsNeither() {
        this.client.post().uri("/api/qr").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256"))
            .exchange()
            .expectStatus().isCreated();

        verify(this.tickets).mint(anyString(), eq("web"), eq(this.challenge), eq(new BrowserContext(null, null)),
                eq(false));
    }

    static Stream<String> invalidBodies() {
        String challenge = Pkce.s256(TestTickets.verifier());
        return Stream.of("{\"codeChallenge\":\"too-short\",\"codeChallengeMethod\":\"S256\"}",
                "{\"codeChallengeMethod\":\"S256\"}",
                "{\"codeChallenge\":\"" + challenge + "\",\"codeChallengeMethod\":\"plain\"}",
                "{\"codeChallenge\":\"" + challenge + "\"}",
                "{\"codeChallenge\":\"" + challenge + "\",\"codeChallengeMethod\":\"S256\",\"clientId\":\"a b\"}",
                "{\"codeChallenge\":\"" + challenge + "\",\"codeChallengeMethod\":\"S256\",\"imageFormat\":\"gif\"}",
                "{\"codeChallenge\":{\"a\":1},\"codeChallengeMethod\":\"S256\"}", "{\"codeChallenge\":[1,2]}", "[]",
                "\"text\"", "{not json", "");
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void mintWhenTheRequestIsInvalidThenInvalidRequestAndNoTicket(String json) {
        expectProblem(calls().mintRaw(json), ProblemCode.INVALID_REQUEST);
        verifyNoInteractions(this.tickets);
    }

    @Test
    void mintWhenTheClientIsUnknownThenUnknownClientAndNoTicket() {
        expectProblem(calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256", "clientId",
                "payroll")), ProblemCode.UNKNOWN_CLIENT);
        verifyNoInteractions(this.tickets);
    }

    @Test
    void mintFromAForeignOriginThenForbiddenAndNoTicket() {
        for (String origin : List.of("https://evil.example.net", "https://login.example.com", "null",
                "https://portal.example.com.evil.example.net")) {
            expectProblem(calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256",
                    "clientId", "portal"), origin), ProblemCode.FORBIDDEN);
        }
        verifyNoInteractions(this.tickets);
    }

    @Test
    void mintWhenRedisIsUnavailableThenUnavailableNotAnInternalError() {
        given(this.tickets.mint(anyString(), anyString(), anyString(), any(), anyBoolean()))
            .willReturn(Mono.error(new RedisConnectionFailureException("Redis is down")));

        expectProblem(calls().mint(Map.of("codeChallenge", this.challenge, "codeChallengeMethod", "S256")),
                ProblemCode.UNAVAILABLE)
            .jsonPath("$.detail").value((detail) -> assertThat((String) detail).doesNotContain("Redis"));
    }

    @Test
    void mintWhenTheBodyIsTooLargeThenPayloadTooLarge() {
        String tooLarge = "{\"codeChallenge\":\"" + "a".repeat(64 * 1024) + "\",\"codeChallengeMethod\":\"S256\"}";
        expectProblem(calls().mintRaw(tooLarge), ProblemCode.PAYLOAD_TOO_LARGE);
        verifyNoInteractions(this.tickets);
    }

    @Test
    void mintWhenNotJsonThenUnsupportedMediaType() {
        expectProblem(this.client.post().uri("/api/qr").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange(),
                ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        verifyNoInteractions(this.tickets);
    }

    @Test
    void getOnTheMintPathThenMethodNotAllowed() {
        expectProblem(this.client.get().uri("/api/qr").exchange(), ProblemCode.METHOD_NOT_ALLOWED);
    }

    private MintCalls calls() {
        return new MintCalls(this.client);
    }
}
