package io.qrlogin.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** A fresh RFC 7636 verifier and its S256 challenge per browser, as the widget makes them. */
record Pkce(String verifier, String challenge) {

    static Pkce create() {
        byte[] bytes = new byte[32];
        // Not a secret outside the benchmark: speed over unpredictability here.
        ThreadLocalRandom.current().nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
