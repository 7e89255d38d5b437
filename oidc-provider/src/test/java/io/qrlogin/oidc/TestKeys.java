package io.qrlogin.oidc;

import com.nimbusds.jose.jwk.ECKey;
import io.qrlogin.testing.TestJwks;

/** Test fixtures: the keys of a deployment, a retiring one and the one that signs, as the provider is configured with them. */
public final class TestKeys {

    /** A key retired from signing, still published. */
    public static final ECKey RETIRING = TestJwks.ec("2026-01");

    /** The key that signs. */
    public static final ECKey CURRENT = TestJwks.ec("2026-07");

    private TestKeys() {
    }

    /** The deployment's set: the retiring key and the current one, which signs. */
    public static String deployed() {
        return TestJwks.jwks(RETIRING, CURRENT);
    }
}
