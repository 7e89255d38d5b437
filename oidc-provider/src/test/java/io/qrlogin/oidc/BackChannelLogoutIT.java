package io.qrlogin.oidc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.SessionID;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.qrlogin.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions that end elsewhere end at the provider and at every client that held them (OpenID Connect
 * Back-Channel Logout 1.0): session-service's {@code SESSION_ENDED} on the real event stream, or
 * RP-initiated logout here, removes the session's authorizations and posts each other client a logout
 * token, which Nimbus's validator (not our code) accepts against the published JWKS. Clients are real
 * HTTP servers ({@link LogoutReceiver}), one of which fails or freezes when a test says so.
 */
class BackChannelLogoutIT extends InProcessProvider {

    private static final String TOPIC = "qrlogin.sessions.it-" + UUID.randomUUID();

    private static final Scope OFFLINE = new Scope("openid", "profile", "offline_access");

    private static final URI CLI_CALLBACK = URI.create("http://127.0.0.1:53117/callback");

    private static final LogoutReceiver rpReceiver = LogoutReceiver.start();

    private static final LogoutReceiver cliReceiver = LogoutReceiver.start();

    private static final LogoutReceiver spaReceiver = LogoutReceiver.start();

    private static KafkaProducer<String, String> producer;

    private static boolean topicCreated;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void backChannel(DynamicPropertyRegistry registry) {
        registry.add("qrlogin.clients.rp.backchannel-logout-uri", rpReceiver::uri);
        registry.add("qrlogin.clients.cli.backchannel-logout-uri", cliReceiver::uri);
        registry.add("qrlogin.clients.spa.backchannel-logout-uri", spaReceiver::uri);
        registry.add("qrlogin.events.sessions-topic", () -> topic());
        registry.add("qrlogin.events.sessions-group", () -> "oidc-provider-" + UUID.randomUUID());
        registry.add("qrlogin.oidc.back-channel-logout.first-retry-after", () -> "100ms");
        // A frozen client would hold a delivery this long: nothing may wait for it.
        registry.add("qrlogin.oidc.back-channel-logout.timeout", () -> "10m");
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        rpReceiver.close();
        cliReceiver.close();
        spaReceiver.close();
    }

    @Test
    void sessionEndedOnTheEventStreamThenRefreshRefusedTokensDeadAndEachClientGetsALogoutTokenThatVerifies()
            throws Exception {
        SignedIn session = signedInAtRpAndCli();
        OIDCTokens rp = session.rp();
        String sid = session.sid();
        assertThat(rp.getIDToken().getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
        assertThat(userInfo(rp).indicatesSuccess()).isTrue();

        endSession(sid);

        await().atMost(Duration.ofSeconds(30)).until(() -> rpReceiver.deliveries(sid).size() == 1
                && cliReceiver.deliveries(sid).size() == 1);
        LogoutTokenClaimsSet rpLogout = verify(rpReceiver.deliveries(sid).get(0), RP);
        LogoutTokenClaimsSet cliLogout = verify(cliReceiver.deliveries(sid).get(0), CLI);
        for (LogoutTokenClaimsSet logout : List.of(rpLogout, cliLogout)) {
            assertThat(logout.getSessionID()).isEqualTo(new SessionID(sid));
            assertThat(logout.getSubject()).isEqualTo(new Subject(TestSessionTokens.ALICE));
            assertThat(logout.getIssuer()).isEqualTo(new Issuer(ISSUER));
            assertThat(logout.getJWTID()).isNotNull();
            assertThat(logout.getStringClaim("nonce")).isNull();
            assertThat(logout.getJSONObjectClaim("events"))
                .containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
        }
        assertThat(rpLogout.getJWTID()).isNotEqualTo(cliLogout.getJWTID());
        assertInvalidGrant(token(rpCredentials(), new RefreshTokenGrant(rp.getRefreshToken())));
        assertInvalidGrant(publicToken(CLI, new RefreshTokenGrant(session.cli().getRefreshToken())));
        assertThat(userInfo(rp).indicatesSuccess()).isFalse();
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(local("/oauth2/introspect"),
                rpCredentials(), rp.getAccessToken()).toHTTPRequest().send()).toSuccessResponse().isActive())
            .isFalse();
    }

    @Test
    void browserOfAnEndedSessionThenSignsInAgainWithANewQrCodeInsteadOfSingleSignOn() throws Exception {
        Browser browser = new Browser();
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        signIn(browser, RP, RP_CALLBACK, login);
        String sid = login.sessionId();

        endSession(sid);

        await().atMost(Duration.ofSeconds(30)).until(() -> rpReceiver.deliveries(sid).size() == 1);
        HttpResponse<String> next = browser.get(flow(CLI, CLI_CALLBACK).request());
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(Browser.location(next)).isEqualTo(local("/login"));
        Flow silent = flow(CLI, CLI_CALLBACK, (request) -> request.prompt(new Prompt(Prompt.Type.NONE)));
        HttpResponse<String> none = browser.get(silent.request());
        assertThat(none.statusCode()).isEqualTo(302);
        assertThat(Browser.location(none).getQuery()).contains("error=login_required");
    }

    @Test
    void clientThatFailsTwiceThenGetsTheLogoutTokenOnTheThirdAttempt() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        signIn(new Browser(), RP, RP_CALLBACK, login);
        String sid = login.sessionId();
        rpReceiver.answer(sid, 500, 503, 200);
        double delivered = count("rp", "delivered");

        endSession(sid);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("rp", "delivered") == delivered + 1);
        List<LogoutReceiver.Delivery> deliveries = rpReceiver.deliveries(sid);
        assertThat(deliveries).hasSize(3);
        assertThat(deliveries).extracting(LogoutReceiver.Delivery::token).containsOnly(deliveries.get(0).token());
        assertThat(deliveries).extracting(LogoutReceiver.Delivery::contentType)
            .containsOnly("application/x-www-form-urlencoded");
        verify(deliveries.get(2), RP);
    }

    @Test
    void clientThatRefusesTheLogoutTokenIsNotAskedAgain() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        signIn(new Browser(), RP, RP_CALLBACK, login);
        String sid = login.sessionId();
        rpReceiver.answer(sid, 400);
        double refused = count("rp", "refused");

        endSession(sid);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("rp", "refused") == refused + 1);
        assertThat(rpReceiver.deliveries(sid)).hasSize(1);
    }

    @Test
    void frozenClientHoldsUpNeitherTheEndOfTheSessionNorTheOtherClientsNorLaterSessions() throws Exception {
        Browser browser = new Browser();
        TestSessionTokens login = sessionToken("spa");
        signIn(browser, SPA, SPA_CALLBACK, login);
        OIDCTokens rp = signIn(browser, RP, RP_CALLBACK, null);
        String sid = login.sessionId();
        spaReceiver.freeze(sid);
        TestSessionTokens later = sessionToken(RP_AUDIENCE);
        signIn(new Browser(), RP, RP_CALLBACK, later);
        try {
            endSession(sid);
            endSession(later.sessionId());

            await().atMost(Duration.ofSeconds(30)).until(() -> spaReceiver.deliveries(sid).size() == 1
                    && rpReceiver.deliveries(sid).size() == 1 && rpReceiver.deliveries(later.sessionId()).size() == 1);
            assertInvalidGrant(token(rpCredentials(), new RefreshTokenGrant(rp.getRefreshToken())));
        }
        finally {
            spaReceiver.release(sid);
        }
    }

    @Test
    void rpInitiatedLogoutEndsTheSessionAtSessionServiceAndTheOtherClientsWithALogoutTokenButNotAtTheClientThatLoggedOut()
            throws Exception {
        SignedIn session = signedInAtRpAndCli();
        signIn(session.browser(), SPA, SPA_CALLBACK, null);
        String sid = session.sid();
        // A frozen client does not hold up the browser's logout either.
        spaReceiver.freeze(sid);
        try {
            HttpResponse<String> logout = session.browser().get(new LogoutRequest(local("/connect/logout"),
                    session.rp().getIDToken(), RP_SIGNED_OUT, new State()).toURI());
            assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);

            await().atMost(Duration.ofSeconds(30)).until(() -> cliReceiver.deliveries(sid).size() == 1
                    && spaReceiver.deliveries(sid).size() == 1);
            verify(cliReceiver.deliveries(sid).get(0), CLI);
            assertThat(rpReceiver.deliveries(sid)).as("the client that logged out knows").isEmpty();
            // session-service ends it too (for the phone's list, its tokens and resource servers), once.
            await().atMost(Duration.ofSeconds(30)).until(() -> InProcessProvider.sessions.ends(sid) == 1);
            assertInvalidGrant(publicToken(CLI, new RefreshTokenGrant(session.cli().getRefreshToken())));
            assertInvalidGrant(token(rpCredentials(), new RefreshTokenGrant(session.rp().getRefreshToken())));
        }
        finally {
            spaReceiver.release(sid);
        }
    }

    @Test
    void sessionEndedTwiceThenTheClientsAreToldOnce() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        signIn(new Browser(), RP, RP_CALLBACK, login);
        String sid = login.sessionId();
        TestSessionTokens next = sessionToken(RP_AUDIENCE);
        signIn(new Browser(), RP, RP_CALLBACK, next);

        endSession(sid);
        endSession(sid);
        // Events of one session are on one partition, in order: once the next session's token arrives,
        // the repeated event has been handled.
        endSession(next.sessionId());

        await().atMost(Duration.ofSeconds(30)).until(() -> rpReceiver.deliveries(next.sessionId()).size() == 1);
        assertThat(rpReceiver.deliveries(sid)).hasSize(1);
    }

    @Test
    void sessionEventsThatAreNotEndsOrCannotBeReadEndNothing() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens rp = signIn(new Browser(), RP, RP_CALLBACK, login);
        String sid = login.sessionId();
        TestSessionTokens next = sessionToken(RP_AUDIENCE);
        signIn(new Browser(), RP, RP_CALLBACK, next);

        send(sid, event("SESSION_STARTED", sid));
        send(sid, "not json");
        send(sid, this.json.writeValueAsString(Map.of("type", "SESSION_ENDED")));
        endSession(next.sessionId());

        await().atMost(Duration.ofSeconds(30)).until(() -> rpReceiver.deliveries(next.sessionId()).size() == 1);
        assertThat(rpReceiver.deliveries(sid)).isEmpty();
        TokenResponse refreshed = token(rpCredentials(), new RefreshTokenGrant(rp.getRefreshToken()));
        assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed)).isTrue();
    }

    /**
     * Signs {@code browser} in to {@code client}: with the QR login when {@code login} is given, else by
     * the provider session it already has (single sign-on, the same {@code sid}).
     */
    private OIDCTokens signIn(Browser browser, ClientID client, URI redirect, TestSessionTokens login)
            throws Exception {
        Flow flow = flow(client, redirect, (request) -> request.scope(SPA.equals(client) ? new Scope("openid") : OFFLINE));
        URI response;
        if (login != null) {
            response = signIn(browser, flow, login.sign());
        }
        else {
            HttpResponse<String> sso = browser.get(flow.request());
            assertThat(sso.statusCode()).isEqualTo(302);
            response = follow(browser, sso);
        }
        TokenResponse tokens = exchange(flow, success(flow, response).getAuthorizationCode(),
                RP.equals(client) ? rpCredentials() : null);
        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
        return ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens();
    }

    /** One browser signed in at the RP with a QR login and then at the CLI by single sign-on: one session, two clients. */
    private SignedIn signedInAtRpAndCli() throws Exception {
        Browser browser = new Browser();
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens rp = signIn(browser, RP, RP_CALLBACK, login);
        OIDCTokens cli = signIn(browser, CLI, CLI_CALLBACK, null);
        return new SignedIn(browser, login.sessionId(), rp, cli);
    }

    private record SignedIn(Browser browser, String sid, OIDCTokens rp, OIDCTokens cli) {
    }

    /** Validates a delivery as a client does, with Nimbus: signature by the JWKS, typ, iss, aud, events, no nonce. */
    private LogoutTokenClaimsSet verify(LogoutReceiver.Delivery delivery, ClientID client) throws Exception {
        assertThat(delivery.contentType()).isEqualTo("application/x-www-form-urlencoded");
        SignedJWT token = SignedJWT.parse(delivery.token());
        assertThat(token.getHeader().getType()).isEqualTo(new JOSEObjectType("logout+jwt"));
        assertThat(token.getHeader().getKeyID()).isEqualTo(TestKeys.CURRENT.getKeyID());
        JWKSet jwks = JWKSet.load(local("/.well-known/jwks.json").toURL());
        LogoutTokenValidator validator = new LogoutTokenValidator(new Issuer(ISSUER), client, true,
                new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)), null);
        LogoutTokenClaimsSet claims = validator.validate(token);
        assertThat(claims.getAudience()).containsExactly(new Audience(client));
        assertThat(claims.getExpirationTime()).isInTheFuture();
        return claims;
    }

    private UserInfoResponse userInfo(OIDCTokens tokens) throws Exception {
        return UserInfoResponse.parse(new UserInfoRequest(local("/userinfo"), tokens.getBearerAccessToken())
            .toHTTPRequest().send());
    }

    private double count(String client, String outcome) {
        Counter counter = this.meters.find("qrlogin.oidc.logout.tokens").tag("client", client).tag("outcome", outcome)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    /** session-service's {@code SESSION_ENDED} for {@code sid}, on the real topic. */
    private void endSession(String sid) throws Exception {
        send(sid, event("SESSION_ENDED", sid));
    }

    private String event(String type, String sid) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("sid", sid);
        event.put("sub", TestSessionTokens.ALICE);
        event.put("clientId", RP_AUDIENCE);
        if ("SESSION_ENDED".equals(type)) {
            event.put("reason", "revoked");
        }
        event.put("occurredAt", Instant.now().toString());
        return this.json.writeValueAsString(event);
    }

    private static void send(String sid, String value) throws Exception {
        producer().send(new ProducerRecord<>(topic(), sidHash(sid), value)).get();
    }

    private static String sidHash(String sid) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(sid.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** The test's own sessions topic, created once, so no other provider context in this JVM consumes it. */
    private static synchronized String topic() {
        if (!topicCreated) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestKafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, TestKafka.PARTITIONS, (short) 1))).all().get();
            }
            catch (Exception ex) {
                throw new IllegalStateException("Could not create " + TOPIC, ex);
            }
            topicCreated = true;
        }
        return TOPIC;
    }

    private static void assertInvalidGrant(TokenResponse response) {
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
    }
}
