package io.qrlogin.oidc.device;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.ClientType;
import io.qrlogin.oidc.client.ConfiguredClients;
import io.qrlogin.oidc.device.SessionRedeemer.Redemption;
import io.qrlogin.oidc.login.SessionTokenVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** How a poll turns what session-service answers into the device's answer; the rest is mocked. */
class QrDeviceCodeAuthenticationProviderTest {

    private static final RegisteredClient CLI = new ConfiguredClients(ClientRegistry.of(Map.of("cli",
            new ClientProperties("CLI", null, null, null, ClientType.NATIVE, null, List.of("http://127.0.0.1/callback"),
                    null, List.of("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"),
                    List.of("openid", "profile", "offline_access"), null, null, null, null, null))),
            Duration.ofMinutes(5), Duration.ofHours(8)).findByClientId("cli");

    private static final String DEVICE_CODE = "d".repeat(128);

    private static final String QR_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";

    private final AuthenticationProvider delegate = mock(AuthenticationProvider.class);

    private final OAuth2AuthorizationService authorizations = mock(OAuth2AuthorizationService.class);

    private final PollPacing pacing = mock(PollPacing.class);

    private final SessionRedeemer redeemer = mock(SessionRedeemer.class);

    private final QrDeviceCodeAuthenticationProvider provider = new QrDeviceCodeAuthenticationProvider(this.delegate,
            this.authorizations, this.pacing, new DeviceDecisions(this.authorizations, this.redeemer,
                    mock(SessionTokenVerifier.class), ClientRegistry.of(Map.of())));

    private final OAuth2DeviceCodeAuthenticationToken poll = new OAuth2DeviceCodeAuthenticationToken(DEVICE_CODE,
            new OAuth2ClientAuthenticationToken(CLI, ClientAuthenticationMethod.NONE, null), Map.of());

    private final OAuth2Authorization pending = OAuth2Authorization.withRegisteredClient(CLI)
        .principalName("cli")
        .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
        .token(new OAuth2DeviceCode(DEVICE_CODE, Instant.now(), Instant.now().plusSeconds(120)))
        .token(new OAuth2UserCode("WDJB-MJHT", Instant.now(), Instant.now().plusSeconds(120)))
        .attribute(OAuth2ParameterNames.SCOPE, Set.of("openid"))
        .attribute(DeviceTickets.QR_ID, QR_ID)
        .build();

    @BeforeEach
    void pendingPoll() {
        given(this.authorizations.findByToken(eq(DEVICE_CODE), any())).willReturn(this.pending);
        given(this.pacing.inTime(eq(DEVICE_CODE), any())).willReturn(true);
        given(this.pacing.interval()).willReturn(Duration.ofSeconds(5));
        given(this.delegate.authenticate(any())).willThrow(new OAuth2AuthenticationException(
                new OAuth2Error("authorization_pending")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "qr_not_scanned", "qr_not_confirmed", "rate_limited", "unavailable", "no_such_code" })
    void pollWhenUndecidedOrSessionServiceCannotTellThenPendingAndNothingChanged(String code) {
        given(this.redeemer.redeem(QR_ID, DEVICE_CODE)).willReturn(new Redemption.Refused(code));

        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.provider.authenticate(this.poll))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("authorization_pending"));
        verify(this.authorizations, never()).save(any());
    }

    @Test
    void pollWhenSessionServiceIsDownThenPendingAndNothingChanged() {
        given(this.redeemer.redeem(QR_ID, DEVICE_CODE)).willReturn(new Redemption.Unavailable());

        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.provider.authenticate(this.poll))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("authorization_pending"));
        verify(this.authorizations, never()).save(any());
    }

    @Test
    void pollWhenCancelledThenBothCodesInvalidatedForTheDelegatesAccessDenied() {
        given(this.redeemer.redeem(QR_ID, DEVICE_CODE)).willReturn(new Redemption.Refused("qr_cancelled"));
        ArgumentCaptor<OAuth2Authorization> saved = ArgumentCaptor.forClass(OAuth2Authorization.class);

        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.provider.authenticate(this.poll));

        verify(this.authorizations).save(saved.capture());
        assertThat(saved.getValue().getToken(OAuth2DeviceCode.class).isInvalidated()).isTrue();
        assertThat(saved.getValue().getToken(OAuth2UserCode.class).isInvalidated()).isTrue();
    }

    @Test
    void pollSoonerThanTheIntervalThenSlowDownWithoutAskingSessionService() {
        given(this.pacing.inTime(eq(DEVICE_CODE), any())).willReturn(false);

        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.provider.authenticate(this.poll))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("slow_down"));
        verify(this.redeemer, never()).redeem(anyString(), anyString());
    }
}
