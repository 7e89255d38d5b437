package io.qrlogin.oidc.store;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qrlogin.oidc.login.QrAuthentication;
import io.qrlogin.oidc.store.AuthorizationDocument.Token;
import io.qrlogin.oidc.store.AuthorizationDocument.User;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Turns authorizations into stored documents and back. */
final class AuthorizationDocuments {

    /**
     * The attribute that carries the version an authorization was read at to its save, which refuses
     * it when another save came first. {@code OAuth2Authorization.from(…)} copies attributes, so it
     * follows every change Spring Authorization Server makes.
     */
    static final String VERSION = "qrlogin.version";

    private static final String PRINCIPAL = Principal.class.getName();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** The token types, by the name {@code findByToken} knows them by. */
    static final Map<String, Class<? extends OAuth2Token>> TOKEN_TYPES = Map.of(
            OAuth2ParameterNames.CODE, OAuth2AuthorizationCode.class,
            OAuth2ParameterNames.ACCESS_TOKEN, OAuth2AccessToken.class,
            OAuth2ParameterNames.REFRESH_TOKEN, OAuth2RefreshToken.class,
            OidcParameterNames.ID_TOKEN, OidcIdToken.class,
            OAuth2ParameterNames.DEVICE_CODE, OAuth2DeviceCode.class,
            OAuth2ParameterNames.USER_CODE, OAuth2UserCode.class);

    /** Spring Security's mapper (allow-listed polymorphic types), as its JDBC store uses it. */
    private final JsonMapper security = JsonMapper.builder()
        .addModules(SecurityJacksonModules.getModules(AuthorizationDocuments.class.getClassLoader()))
        .build();

    private final JsonMapper plain = JsonMapper.builder().build();

    /** {@code authorization} as stored JSON. */
    String write(OAuth2Authorization authorization) {
        Map<String, Object> attributes = new HashMap<>(authorization.getAttributes());
        Object principal = attributes.remove(PRINCIPAL);
        attributes.remove(VERSION);
        Map<String, Token> tokens = new LinkedHashMap<>();
        TOKEN_TYPES.forEach((type, tokenClass) -> {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(tokenClass);
            if (token != null) {
                tokens.put(type, token(token));
            }
        });
        AuthorizationDocument document = new AuthorizationDocument(authorization.getId(),
                authorization.getRegisteredClientId(), authorization.getPrincipalName(),
                authorization.getAuthorizationGrantType().getValue(), new ArrayList<>(authorization.getAuthorizedScopes()),
                this.security.writeValueAsString(attributes), user(principal), tokens);
        return this.plain.writeValueAsString(document);
    }

    /** The stored {@code json} as an authorization of {@code client}, carrying {@code version}. */
    OAuth2Authorization read(String json, RegisteredClient client, long version) {
        AuthorizationDocument document = document(json);
        Map<String, Object> attributes = this.security.readValue(document.attributes(), MAP);
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
            .id(document.id())
            .principalName(document.principalName())
            .authorizationGrantType(new AuthorizationGrantType(document.grantType()))
            .authorizedScopes(new LinkedHashSet<>(document.authorizedScopes()))
            .attributes((values) -> {
                values.putAll(attributes);
                if (document.user() != null) {
                    values.put(PRINCIPAL, authentication(document.user()));
                }
                values.put(VERSION, version);
            });
        document.tokens().forEach((type, token) -> {
            Map<String, Object> metadata = this.security.readValue(token.metadata(), MAP);
            builder.token(token(type, token, metadata), (values) -> values.putAll(metadata));
        });
        return builder.build();
    }

    /** The stored {@code json}, to read its token values without building the authorization. */
    AuthorizationDocument document(String json) {
        return this.plain.readValue(json, AuthorizationDocument.class);
    }

    private Token token(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        OAuth2Token value = token.getToken();
        String tokenType = null;
        List<String> scopes = null;
        if (value instanceof OAuth2AccessToken accessToken) {
            tokenType = accessToken.getTokenType().getValue();
            scopes = new ArrayList<>(accessToken.getScopes());
        }
        return new Token(value.getTokenValue(), instant(value.getIssuedAt()), instant(value.getExpiresAt()),
                this.security.writeValueAsString(token.getMetadata()), tokenType, scopes);
    }

    private static OAuth2Token token(String type, Token token, Map<String, Object> metadata) {
        Instant issuedAt = instant(token.issuedAt());
        Instant expiresAt = instant(token.expiresAt());
        return switch (type) {
            case OAuth2ParameterNames.CODE -> new OAuth2AuthorizationCode(token.value(), issuedAt, expiresAt);
            case OAuth2ParameterNames.ACCESS_TOKEN -> new OAuth2AccessToken(accessTokenType(token.tokenType()),
                    token.value(), issuedAt, expiresAt,
                    (token.scopes() != null) ? new LinkedHashSet<>(token.scopes()) : Set.of());
            case OAuth2ParameterNames.REFRESH_TOKEN -> new OAuth2RefreshToken(token.value(), issuedAt, expiresAt);
            case OidcParameterNames.ID_TOKEN -> new OidcIdToken(token.value(), issuedAt, expiresAt,
                    claims(metadata));
            case OAuth2ParameterNames.DEVICE_CODE -> new OAuth2DeviceCode(token.value(), issuedAt, expiresAt);
            case OAuth2ParameterNames.USER_CODE -> new OAuth2UserCode(token.value(), issuedAt, expiresAt);
            default -> throw new IllegalStateException("A stored authorization has a token of unknown type " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(Map<String, Object> metadata) {
        Object claims = metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
        return (claims instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
    }

    private static OAuth2AccessToken.TokenType accessTokenType(@Nullable String type) {
        return OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(type) ? OAuth2AccessToken.TokenType.DPOP
                : OAuth2AccessToken.TokenType.BEARER;
    }

    private static @Nullable User user(@Nullable Object principal) {
        if (principal == null) {
            return null;
        }
        if (principal instanceof QrAuthentication user) {
            return new User(user.getName(), user.displayName(), user.sessionId(), user.authTime().toString());
        }
        // Every user of this provider signs in with a QR login; anything else is a wiring mistake.
        throw new IllegalArgumentException("Only QR logins are stored, not " + principal.getClass().getName());
    }

    private static QrAuthentication authentication(User user) {
        return new QrAuthentication(user.subject(), user.name(), user.sessionId(), Instant.parse(user.authTime()));
    }

    private static @Nullable String instant(@Nullable Instant instant) {
        return (instant != null) ? instant.toString() : null;
    }

    private static @Nullable Instant instant(@Nullable String instant) {
        return (instant != null) ? Instant.parse(instant) : null;
    }
}
