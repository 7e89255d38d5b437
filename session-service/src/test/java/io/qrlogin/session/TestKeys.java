package io.qrlogin.session;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Test fixtures: a deployment's properties (the keys, JWK sets and hand-made tokens: {@code TestJwks}). */
public final class TestKeys {

    private TestKeys() {
    }

    /** The properties of a deployment with {@code jwks}, signing with {@code keyId}, demo mode off. */
    public static SessionProperties properties(String jwks, @Nullable String keyId) {
        Map<String, String> values = new HashMap<>(Map.of("qrlogin.session.signing.jwks", jwks));
        if (keyId != null) {
            values.put("qrlogin.session.signing.key-id", keyId);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qrlogin", SessionProperties.class);
    }
}
