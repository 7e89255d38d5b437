package io.qrlogin.core.client;

import java.util.Arrays;
import java.util.Optional;

/** The OAuth grant types a client may be registered for, by their protocol names. */
public enum GrantType {

    /** The authorization code grant (RFC 6749 §4.1): the browser flow. */
    AUTHORIZATION_CODE("authorization_code"),

    /** New tokens for a refresh token (RFC 6749 §6); only with the {@code offline_access} scope. */
    REFRESH_TOKEN("refresh_token"),

    /** The device authorization grant (RFC 8628): a TV or CLI signs in through a phone. */
    DEVICE_CODE("urn:ietf:params:oauth:grant-type:device_code");

    private final String value;

    GrantType(String value) {
        this.value = value;
    }

    /** The {@code grant_type} as the protocol spells it. */
    public String value() {
        return this.value;
    }

    /** The grant type spelled {@code value}, if it is one of these. */
    public static Optional<GrantType> of(String value) {
        return Arrays.stream(values()).filter((type) -> type.value.equals(value)).findFirst();
    }
}
