package io.qrlogin.qr.mint;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest(properties = { "qrlogin.public-base-url=https://login.example.com",
        "qrlogin.clients.web.name=Web",
        "qrlogin.clients.web.origins=https://login.example.com", "qrlogin.clients.portal.name=Intranet portal",
        "qrlogin.clients.portal.origins=https://portal.example.com,https://intranet.example.com",
        "qrlogin.clients.portal.number-matching=true" })
class MintIT {

    @Autowired
    private WebTestClient client;

    private EventRecorder events;

    @BeforeEach
    void recordEvents() {
        this.events = EventRecorder.start();
    }

    @AfterEach
    void stopRecording() throws InterruptedException {
        this.events.close();
    }

    @Test
    void mintWhenValidThenCreatedWithScannableQrAndStoredTicket() throws Exception {
        String verifier = TestTickets.verifier();
        Map<String, Object> body = calls().mint(Map.of("codeChallenge", Pkce.s256(verifier), "codeChallengeMethod", "S256"))
            .expectStatus().isCreated()
            .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody();

        assertThat(body).containsOnlyKeys("qrId", "qrUrl", "image", "expiresAt", "expiresIn", "confirmIdentity");
        assertThat(body.get("confirmIdentity")).as("the default").isEqualTo(true);
        String qrId = (String) body.get("qrId");
        assertThat(QrIds.isWellFormed(qrId)).isTrue();
        assertThat(Base64.getUrlDecoder().decode(qrId)).hasSize(24);
        assertThat(body.get("qrUrl")).isEqualTo("https://login.example.com/q/" + qrId);
        assertThat(body.get("expiresIn")).isEqualTo(120);
        Instant expiresAt = Instant.parse((String) body.get("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plusSeconds(110), Instant.now().plusSeconds(130));

        String image = (String) body.get("image");
        assertThat(image).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(image.substring("data:image/png;base64,".length()));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png)))))).getText();
        assertThat(decoded).isEqualTo(body.get("qrUrl"));

        Ticket ticket = RedisTickets.store().find(qrId).block();
        assertThat(ticket.state()).isEqualTo(TicketState.PENDING);
        assertThat(ticket.codeChallenge()).isEqualTo(Pkce.s256(verifier));
        assertThat(ticket.clientId()).isEqualTo("web");
        assertThat(ticket.browser().ip()).isEqualTo(MintCalls.CLIENT_IP);
        assertThat(ticket.browser().userAgent()).isEqualTo(MintCalls.USER_AGENT);
        assertThat(ticket.expiresAt()).isEqualTo(expiresAt);
        assertThat(ticket.numberMatching()).as("on-risk: the scan decides").isFalse();
        assertThat(ticket.browser().origin()).as("a caller without Origin").isNull();
    }

    @Test
    void mintForAClientWithNumberMatchingThenTheTicketRequiresIt() {
        String qrId = mintedId(Map.of("codeChallenge", Pkce.s256(TestTickets.verifier()), "codeChallengeMethod", "S256",
                "clientId", "portal"));
        Ticket ticket = RedisTickets.store().find(qrId).block();
        assertThat(ticket.clientId()).isEqualTo("portal");
        assertThat(ticket.numberMatching()).isTrue();
        assertThat(ticket.matchCode()).as("only the scan picks the code").isNull();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(Arguments.of("the client is unknown", "unknown_client", Map.of("codeChallenge",
                Pkce.s256(TestTickets.verifier()), "codeChallengeMethod", "S256", "clientId", "payroll")),
                Arguments.of("the challenge is malformed", "invalid_request",
                        Map.of("codeChallenge", "too-short", "codeChallengeMethod", "S256")));
    }

    @ParameterizedTest(name = "mint when {0} then {1} and nothing stored")
    @MethodSource("badRequests")
    void mintWhenTheRequestIsRefusedThenTheProblemAndNothingStored(String why, String code, Map<String, Object> request) {
        int before = this.events.all().size();
        calls().mint(request)
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.code").isEqualTo(code).jsonPath("$.status").isEqualTo(400);
        assertThat(this.events.all()).hasSize(before);
    }

    @Test
    void mintFromOneOfTheClientsOriginsThenCreatedAndTheTicketKeepsTheOriginNormalised() {
        String qrId = (String) calls().mint(Map.of("codeChallenge", Pkce.s256(TestTickets.verifier()), "codeChallengeMethod",
                "S256", "clientId", "portal"), "https://Intranet.Example.com:443")
            .expectStatus().isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody().get("qrId");
        assertThat(RedisTickets.store().find(qrId).block().browser().origin()).isEqualTo("https://intranet.example.com");
        calls().mint(Map.of("codeChallenge", Pkce.s256(TestTickets.verifier()), "codeChallengeMethod", "S256"),
                "https://login.example.com")
            .expectStatus().isCreated();
    }

    @Test
    void mintFromAForeignOriginThenForbiddenAndNothingStored() {
        int before = this.events.all().size();
        Map<String, Object> request = Map.of("codeChallenge", Pkce.s256(TestTickets.verifier()), "codeChallengeMethod",
                "S256", "clientId", "portal");
        for (String origin : List.of("https://evil.example.net", "https://login.example.com", "null",
                "https://portal.example.com.evil.example.net")) {
            expectProblem(calls().mint(request, origin), ProblemCode.FORBIDDEN);
        }
        assertThat(this.events.all()).hasSize(before);
    }

    @Test
    void mintPublishesExactlyOneIssuedEventWithoutSecrets() {
        String verifier = TestTickets.verifier();
        String challenge = Pkce.s256(verifier);
        String qrId = mintedId(Map.of("codeChallenge", challenge, "codeChallengeMethod", "S256", "clientId", "portal"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !this.events.recordsFor(qrId).isEmpty());
        List<ConsumerRecord<String, String>> records = this.events.recordsFor(qrId);
        assertThat(records).hasSize(1);
        Map<String, Object> event = this.events.eventsFor(qrId).get(0);
        assertThat(event).containsOnlyKeys("eventId", "type", "qrIdHash", "clientId", "occurredAt")
            .containsEntry("type", "ISSUED").containsEntry("qrIdHash", QrIds.hash(qrId)).containsEntry("clientId", "portal");
        assertThat(Instant.parse((String) event.get("occurredAt"))).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(Duration.ofSeconds(30)));

        EventRecorder.assertCarriesNone(records.get(0), challenge, verifier, MintCalls.CLIENT_IP);
    }

    @Test
    void mintWhenSvgRequestedThenSvgDataUri() {
        String qrImage = (String) calls().mint(Map.of("codeChallenge", Pkce.s256(TestTickets.verifier()),
                "codeChallengeMethod", "S256", "imageFormat", "svg"))
            .expectStatus().isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody().get("image");
        assertThat(qrImage).startsWith("data:image/svg+xml;base64,");
    }

    @Test
    void mintWhenPlainMethodThenInvalidRequest() {
        calls().mint(Map.of("codeChallenge", Pkce.s256(TestTickets.verifier()), "codeChallengeMethod", "plain"))
            .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_request");
    }

    @Test
    void mintWhenJsonTypesWrongThenInvalidRequest() {
        for (String json : List.of("{\"codeChallenge\":{\"a\":1},\"codeChallengeMethod\":\"S256\"}",
                "{\"codeChallenge\":[1,2],\"codeChallengeMethod\":\"S256\"}", "[]", "\"text\"", "{not json", "",
                "{\"codeChallenge\":12345,\"codeChallengeMethod\":\"S256\"}")) {
            expectProblem(calls().mintRaw(json), ProblemCode.INVALID_REQUEST);
        }
    }

    @Test
    void mintWhenBodyTooLargeThenPayloadTooLarge() {
        String huge = "{\"codeChallenge\":\"" + "a".repeat(64 * 1024) + "\",\"codeChallengeMethod\":\"S256\"}";
        calls().mintRaw(huge).expectStatus().isEqualTo(413)
            .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");
    }

    @Test
    void mintWhenNotJsonThenUnsupportedMediaType() {
        this.client.post().uri("/api/qr").contentType(MediaType.TEXT_PLAIN).bodyValue("hello")
            .exchange().expectStatus().isEqualTo(415)
            .expectBody().jsonPath("$.code").isEqualTo("unsupported_media_type");
    }

    @Test
    void getOnMintPathThenMethodNotAllowedProblem() {
        this.client.get().uri("/api/qr").exchange().expectStatus().isEqualTo(405)
            .expectBody().jsonPath("$.code").isEqualTo("method_not_allowed");
    }

    @Test
    void unknownPathThenNotFoundProblem() {
        this.client.get().uri("/api/nothing-here").exchange().expectStatus().isNotFound()
            .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }

    private String mintedId(Map<String, Object> request) {
        return (String) calls().mint(request).expectStatus().isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody().get("qrId");
    }

    private MintCalls calls() {
        return new MintCalls(this.client);
    }
}
