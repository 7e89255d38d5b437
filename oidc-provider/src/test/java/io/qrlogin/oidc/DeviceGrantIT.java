package io.qrlogin.oidc;

import java.net.URI;
import java.time.Instant;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.redis.RedisUserCodes;
import io.qrlogin.engine.redis.TicketKeys;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The device grant (RFC 8628) on the ticket engine, with the Nimbus OAuth 2.0 SDK as the device. The
 * phone's scan, confirm and cancel are the ticket engine's commands on the shared Redis (what
 * scan-service runs); session-service's redeem is {@link FakeSessionService}, over HTTP.
 */
class DeviceGrantIT extends InProcessProvider {

    private static final Scope OPENID = new Scope("openid", "profile", "offline_access");

    private final RedisTicketStore tickets = RedisTickets.store();

    @DynamicPropertySource
    static void device(DynamicPropertyRegistry registry) {
        registry.add("qrlogin.clients.cli.grant-types",
                () -> "authorization_code, refresh_token, urn:ietf:params:oauth:grant-type:device_code");
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("qrlogin.events.topic", () -> TestKafka.EVENTS_TOPIC);
    }

    @Test
    void deviceAuthorizationThenTheDevicesTicketAsQrLinkWithCodesIntervalAndLifetime() throws Exception {
        try (EventRecorder events = EventRecorder.start()) {
            DeviceAuthorizationSuccessResponse device = authorize(OPENID);

            String qrId = qrIdOf(device);
            assertThat(device.getVerificationURIComplete()).isEqualTo(URI.create(ISSUER + "/q/" + qrId));
            assertThat(device.getVerificationURI()).isEqualTo(URI.create(ISSUER + "/login/device"));
            assertThat(device.getInterval()).isEqualTo(5);
            assertThat(device.getLifetime()).isBetween(100L, 120L);
            assertThat(device.getDeviceCode().getValue()).hasSize(128);
            assertThat(device.getUserCode().getValue()).matches("[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}");

            Ticket ticket = this.tickets.find(qrId).block();
            assertThat(ticket.kind()).isEqualTo(TicketKind.DEVICE);
            assertThat(ticket.state()).isEqualTo(TicketState.PENDING);
            assertThat(ticket.clientId()).isEqualTo(CLI.getValue());
            assertThat(ticket.codeChallenge()).isEqualTo(Pkce.s256(device.getDeviceCode().getValue()));
            assertThat(ticket.numberMatching()).isFalse();
            assertThat(ticket.browser().userAgent()).isEqualTo("qrlogin-device-test/1.0");
            assertThat(ticket.browser().ip()).isEqualTo("198.51.100.23");
            assertThat(RedisTickets.redis().getExpire(TicketKeys.userCode(device.getUserCode().getValue())).block())
                .isPositive();
            await().until(() -> !events.eventsFor(qrId).isEmpty());
            assertThat(events.eventsFor(qrId)).extracting((event) -> event.get("type")).containsExactly("ISSUED");
            assertThat(events.recordsFor(qrId)).allSatisfy((record) -> assertThat(record.value())
                .doesNotContain(qrId).doesNotContain(device.getDeviceCode().getValue()));
        }
    }

    @Test
    void pollWhenThePhoneConfirmedThenTokensForTheUserAndAnIdTokenThatVerifies() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorize(OPENID);
        String qrId = qrIdOf(device);
        confirmOnThePhone(qrId);

        TokenResponse response = poll(device);

        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
        OIDCTokens tokens = response.toSuccessResponse().getTokens().toOIDCTokens();
        assertThat(tokens.getAccessToken()).isNotNull();
        assertThat(tokens.getRefreshToken()).isNotNull();
        IDTokenClaimsSet claims = idTokenValidator(CLI).validate(tokens.getIDToken(), null);
        assertThat(claims.getSubject().getValue()).isEqualTo(TestTickets.ALICE.subject());
        assertThat(claims.getStringClaim("name")).isEqualTo(TestTickets.ALICE.name());
        assertThat(claims.getStringClaim("sid")).isEqualTo(sessions.sessionOf(qrId));
        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("qr");
        assertThat(claims.getAuthenticationTime()).isNotNull();
        assertThat(this.tickets.find(qrId).block().state()).isEqualTo(TicketState.REDEEMED);

        // The ID token is stored with the grant: its refresh yields a new one for the same login.
        TokenResponse refreshed = publicToken(CLI, new RefreshTokenGrant(tokens.getRefreshToken()));
        assertThat(refreshed.indicatesSuccess()).isTrue();
        OIDCTokens again = refreshed.toSuccessResponse().getTokens().toOIDCTokens();
        assertThat(idTokenValidator(CLI).validate(again.getIDToken(), null).getStringClaim("sid"))
            .isEqualTo(claims.getStringClaim("sid"));

        assertThat(error(poll(device))).as("a device code is used once").isEqualTo(OAuth2Error.ACCESS_DENIED);
    }

    @Test
    void pollWithoutOpenIdThenTokensWithoutAnIdToken() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorize(new Scope("offline_access"));
        confirmOnThePhone(qrIdOf(device));

        TokenResponse response = poll(device);

        assertThat(response.indicatesSuccess()).isTrue();
        Tokens tokens = response.toSuccessResponse().getTokens();
        assertThat(tokens.getAccessToken()).isNotNull();
        assertThat(tokens.getRefreshToken()).isNotNull();
        assertThat(response.toSuccessResponse().toJSONObject()).doesNotContainKey("id_token");
    }

    @Test
    void pollBeforeThePhoneConfirmedThenAuthorizationPending() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorize(OPENID);
        this.tickets.scan(qrIdOf(device), TestTickets.ALICE, RedisTickets.MATCH_CODE).block();

        assertThat(error(poll(device))).isEqualTo(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING);
        assertThat(this.tickets.find(qrIdOf(device)).block().state()).isEqualTo(TicketState.SCANNED);
    }

    @Test
    void pollSoonerThanTheIntervalThenSlowDown() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorize(OPENID);

        assertThat(error(poll(device))).isEqualTo(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING);
        assertThat(error(poll(device))).isEqualTo(DeviceAuthorizationGrantError.SLOW_DOWN);
    }

    @Test
    void pollWhenCancelledOnThePhoneThenAccessDeniedFromThenOn() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorize(OPENID);
        String qrId = qrIdOf(device);
        this.tickets.scan(qrId, TestTickets.ALICE, RedisTickets.MATCH_CODE).block();
        assertThat(this.tickets.cancel(qrId, TestTickets.ALICE).block()).isInstanceOf(Transition.Applied.class);

        assertEveryPollAnswers(device, OAuth2Error.ACCESS_DENIED);
    }

    @Test
    void pollWhenTheTicketExpiredThenExpiredTokenFromThenOn() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorize(OPENID);
        String qrId = qrIdOf(device);
        // The ticket's time runs out (Redis compares its deadline with the Redis clock).
        RedisTickets.redis().opsForHash().put(TicketKeys.ticket(qrId), "expiresAt",
                Long.toString(Instant.now().minusSeconds(1).toEpochMilli())).block();

        assertEveryPollAnswers(device, DeviceAuthorizationGrantError.EXPIRED_TOKEN);
    }

    @Test
    void userCodeTypedOnThePhoneNamesTheDevicesTicketAndItsConfirmSignsTheDeviceIn() throws Exception {
        DeviceAuthorizationSuccessResponse device = authorize(OPENID);
        String typed = device.getUserCode().getValue().toLowerCase().replace("-", " ");

        // What scan-service's POST /api/scan/user-code looks up.
        String qrId = new RedisUserCodes(RedisTickets.redis()).find(typed).block();
        assertThat(qrId).isEqualTo(qrIdOf(device));
        confirmOnThePhone(qrId);

        TokenResponse response = poll(device);
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(idTokenValidator(CLI).validate(response.toSuccessResponse().getTokens().toOIDCTokens().getIDToken(),
                null).getSubject().getValue()).isEqualTo(TestTickets.ALICE.subject());
    }

    @Test
    void deviceAuthorizationOfAClientWithoutTheDeviceGrantThenUnauthorizedClient() throws Exception {
        HTTPResponse response = new DeviceAuthorizationRequest(local("/oauth2/device_authorization"), SPA,
                new Scope("openid")).toHTTPRequest().send();

        DeviceAuthorizationResponse parsed = DeviceAuthorizationResponse.parse(response);
        assertThat(parsed.indicatesSuccess()).isFalse();
        assertThat(parsed.toErrorResponse().getErrorObject()).isIn(OAuth2Error.UNAUTHORIZED_CLIENT,
                OAuth2Error.INVALID_CLIENT);
    }

    @Test
    void deviceAuthorizationWithAScopeTheClientLacksThenInvalidScope() throws Exception {
        HTTPResponse response = new DeviceAuthorizationRequest(local("/oauth2/device_authorization"), CLI,
                new Scope("openid", "payroll:admin")).toHTTPRequest().send();

        assertThat(DeviceAuthorizationResponse.parse(response).toErrorResponse().getErrorObject())
            .isEqualTo(OAuth2Error.INVALID_SCOPE);
    }

    /** The device asks to sign in, from the address the edge passes on, with its own User-Agent. */
    private DeviceAuthorizationSuccessResponse authorize(Scope scope) throws Exception {
        HTTPRequest request = new DeviceAuthorizationRequest(local("/oauth2/device_authorization"), CLI, scope)
            .toHTTPRequest();
        request.setHeader("User-Agent", "qrlogin-device-test/1.0");
        request.setHeader("X-QrLogin-Client-Ip", "198.51.100.23");
        HTTPResponse response = request.send();
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getHeaderValue("Cache-Control")).isEqualTo("no-store");
        return DeviceAuthorizationResponse.parse(response).toSuccessResponse();
    }

    private TokenResponse poll(DeviceAuthorizationSuccessResponse device) throws Exception {
        return publicToken(CLI, new DeviceCodeGrant(device.getDeviceCode()));
    }

    /** The answer to this poll and to every later one: once the ticket has ended, so has the grant. */
    private void assertEveryPollAnswers(DeviceAuthorizationSuccessResponse device, ErrorObject expected) throws Exception {
        assertThat(error(poll(device))).isEqualTo(expected);
        assertThat(error(poll(device))).isEqualTo(expected);
    }

    /** Alice scans the device's QR code on her phone and confirms, as scan-service does it. */
    private void confirmOnThePhone(String qrId) {
        this.tickets.scan(qrId, TestTickets.ALICE, RedisTickets.MATCH_CODE).block();
        assertThat(this.tickets.confirm(qrId, TestTickets.ALICE, null).block()).isInstanceOf(Transition.Applied.class);
    }

    private static String qrIdOf(DeviceAuthorizationSuccessResponse device) {
        String link = device.getVerificationURIComplete().toString();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static ErrorObject error(TokenResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        ErrorObject error = response.toErrorResponse().getErrorObject();
        assertThat(error.getHTTPStatusCode()).isEqualTo(400);
        return error;
    }
}
