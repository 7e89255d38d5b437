package io.qrlogin.bench.load;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import io.qrlogin.core.pkce.Pkce;

/** A fresh RFC 7636 verifier and its S256 challenge per browser, as the widget makes them. */
record PkcePair(String verifier, String challenge) {

    static PkcePair random() {
        byte[] bytes = new byte[32];
        // Not a secret outside the benchmark: speed over unpredictability here.
        ThreadLocalRandom.current().nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new PkcePair(verifier, Pkce.s256(verifier));
    }
}
