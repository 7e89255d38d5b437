package io.qrlogin.oidc.store;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.qrlogin.oidc.login.QrAuthentication;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Authorizations in Redis, shared by every provider instance, so any instance serves any step of a
 * flow. One hash per authorization holds its document, a version and the hash of its current refresh
 * token; one key per token value points to the authorization (the hash of the value in its name). A
 * save compares versions in one script and refuses a save that lost a race
 * ({@link OptimisticLockingFailureException}). Index keys outlive the tokens that rotation replaced,
 * so a replayed refresh token still names its family. Every key expires with what it indexes, plus a
 * minute for late lookups (a replayed code finds its authorization to revoke the tokens it gave).
 * <p>
 * Each session-service session ({@code sid}) indexes the authorizations it signed in, so that ending
 * the session ends them all ({@link #endSession(String)}). The index lives in the session's cluster
 * slot, not the authorization's, so it cannot be written in the same script; instead the order of the
 * writes keeps the invariant: an authorization joins its session's index before it is saved (refused
 * once the session ended), leaves it after it is removed, and a save checks once more after writing
 * that its session has not ended meanwhile.
 */
public final class RedisOAuth2AuthorizationService implements OAuth2AuthorizationService {

    /** How long a document or index outlives its tokens. */
    static final Duration GRACE = Duration.ofMinutes(1);

    /** How long an authorization without tokens lives: one waiting for the user's consent. */
    static final Duration PENDING = Duration.ofMinutes(10);

    private static final RedisScript<Long> SAVE = RedisScript.of(
            new ClassPathResource("save-authorization.lua", RedisOAuth2AuthorizationService.class), Long.class);

    private static final RedisScript<Long> JOIN_SESSION = RedisScript.of(
            new ClassPathResource("join-session.lua", RedisOAuth2AuthorizationService.class), Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> END_SESSION = RedisScript.of(
            new ClassPathResource("end-session.lua", RedisOAuth2AuthorizationService.class), List.class);

    /**
     * How long an ended session is remembered: no authorization may join it for that long. Longer than a
     * provider login session (8 hours) and the default refresh token lifetime, which is what could still
     * try to use it.
     */
    static final Duration ENDED_SESSION_MEMORY = Duration.ofHours(24);

    private static final String REFRESH_TOKEN = OAuth2ParameterNames.REFRESH_TOKEN;

    private static final String STATE = OAuth2ParameterNames.STATE;

    private static final String PRINCIPAL = Principal.class.getName();

    private final StringRedisTemplate redis;

    private final RegisteredClientRepository clients;

    private final Clock clock;

    private final AuthorizationDocuments documents = new AuthorizationDocuments();

    public RedisOAuth2AuthorizationService(StringRedisTemplate redis, RegisteredClientRepository clients, Clock clock) {
        this.redis = redis;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Object readAt = authorization.getAttribute(AuthorizationDocuments.VERSION);
        long version = (readAt instanceof Long read) ? read : 0L;
        Instant now = this.clock.instant();
        Duration lifetime = lifetime(authorization, now);
        String sid = sessionOf(authorization);
        if (sid != null) {
            joinSession(sid, authorization.getId(), now.plus(lifetime));
        }
        OAuth2Authorization.Token<OAuth2RefreshToken> refreshToken = authorization.getRefreshToken();
        String refreshHash = (refreshToken != null) ? OidcKeys.hash(refreshToken.getToken().getTokenValue()) : "";
        Long saved = this.redis.execute(SAVE, List.of(OidcKeys.authorization(authorization.getId())),
                (version > 0) ? Long.toString(version) : "", Long.toString(version + 1),
                this.documents.write(authorization), refreshHash, Long.toString(lifetime.toMillis()));
        if (saved == null) {
            throw new OptimisticLockingFailureException("Authorization " + authorization.getId()
                    + " was changed since it was read");
        }
        index(authorization, now, lifetime);
        if (sid != null && hasEnded(sid)) {
            // The session ended between joining it and this save: whoever ended it may have missed this one.
            remove(authorization);
            throw sessionEnded();
        }
    }

    /**
     * Ends the session {@code sid} at the provider: every authorization it signed in is removed (its
     * tokens are refused from now on), and none may join it any more.
     *
     * @return the authorizations removed, for the clients to be told; none when it had already ended
     */
    public List<OAuth2Authorization> endSession(String sid) {
        List<?> ids = this.redis.execute(END_SESSION,
                List.of(OidcKeys.session(sid), OidcKeys.endedSession(sid)),
                Long.toString(ENDED_SESSION_MEMORY.toMillis()));
        List<OAuth2Authorization> ended = new ArrayList<>();
        for (Object id : (ids != null) ? ids : List.of()) {
            OAuth2Authorization authorization = findById((String) id);
            if (authorization != null) {
                remove(authorization);
                ended.add(authorization);
            }
        }
        return ended;
    }

    /** Whether the session {@code sid} has ended at the provider ({@link #endSession(String)}). */
    public boolean hasEnded(String sid) {
        return Boolean.TRUE.equals(this.redis.hasKey(OidcKeys.endedSession(sid)));
    }

    /** The session-service session ({@code sid}) {@code authorization} belongs to; {@code null} before a user approved. */
    public static @Nullable String sessionOf(OAuth2Authorization authorization) {
        return (authorization.getAttribute(PRINCIPAL) instanceof QrAuthentication user) ? user.sessionId() : null;
    }

    private void joinSession(String sid, String id, Instant expiresAt) {
        Long joined = this.redis.execute(JOIN_SESSION, List.of(OidcKeys.session(sid), OidcKeys.endedSession(sid)),
                id, Long.toString(expiresAt.toEpochMilli()), Long.toString(this.clock.millis()));
        if (joined == null || joined == 0L) {
            throw sessionEnded();
        }
    }

    private static OAuth2AuthenticationException sessionEnded() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                "The session has ended", null));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        List<String> keys = new ArrayList<>();
        keys.add(OidcKeys.authorization(authorization.getId()));
        values(authorization).forEach((value, type) -> keys.add(OidcKeys.token(value)));
        this.redis.delete(keys);
        String sid = sessionOf(authorization);
        if (sid != null) {
            this.redis.opsForZSet().remove(OidcKeys.session(sid), authorization.getId());
        }
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        List<Object> fields = this.redis.opsForHash().multiGet(OidcKeys.authorization(id), List.of("version", "document"));
        if (fields.get(0) == null || fields.get(1) == null) {
            return null;
        }
        String document = (String) fields.get(1);
        RegisteredClient client = this.clients.findById(this.documents.document(document).registeredClientId());
        if (client == null) {
            // The client is no longer configured: nothing it was given stays usable.
            return null;
        }
        return this.documents.read(document, client, Long.parseLong((String) fields.get(0)));
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        String entry = this.redis.opsForValue().get(OidcKeys.token(token));
        if (entry == null) {
            return null;
        }
        int space = entry.indexOf(' ');
        String type = entry.substring(0, space);
        if (tokenType != null && !tokenType.getValue().equals(type)) {
            return null;
        }
        OAuth2Authorization authorization = findById(entry.substring(space + 1));
        // The index outlives a token that rotation replaced: only a current value finds its authorization.
        return (authorization != null && type.equals(values(authorization).get(token))) ? authorization : null;
    }

    /** The family (authorization id) {@code refreshToken} was issued in, whether it is still current or not. */
    public Optional<String> familyOfRefreshToken(String refreshToken) {
        String entry = this.redis.opsForValue().get(OidcKeys.token(refreshToken));
        if (entry == null || !entry.startsWith(REFRESH_TOKEN + " ")) {
            return Optional.empty();
        }
        return Optional.of(entry.substring(REFRESH_TOKEN.length() + 1));
    }

    /**
     * The family {@code refreshToken} belongs to if a rotation replaced it there: it is being used
     * again. Read from the hash the save script writes, so it holds from the moment the rotation is
     * saved. Empty for a current token and for a family already ended.
     */
    public Optional<String> familyOfRetiredRefreshToken(String refreshToken) {
        return familyOfRefreshToken(refreshToken).filter((family) -> {
            Object current = this.redis.opsForHash().get(OidcKeys.authorization(family), "refresh");
            return current != null && !current.equals(OidcKeys.hash(refreshToken));
        });
    }

    private void index(OAuth2Authorization authorization, Instant now, Duration lifetime) {
        values(authorization).forEach((value, type) -> {
            Duration ttl = lifetime;
            OAuth2Authorization.Token<?> token = STATE.equals(type) ? null : authorization.getToken(value);
            // ID tokens stay findable for the authorization's life: an expired one is still a logout hint.
            if (token != null && !OidcParameterNames.ID_TOKEN.equals(type) && token.getToken().getExpiresAt() != null) {
                ttl = positive(Duration.between(now, token.getToken().getExpiresAt())).plus(GRACE);
            }
            this.redis.opsForValue().set(OidcKeys.token(value), type + " " + authorization.getId(), ttl);
        });
    }

    /** Every value {@code authorization} can be found by, with its token type. */
    private static Map<String, String> values(OAuth2Authorization authorization) {
        Map<String, String> values = new LinkedHashMap<>();
        String state = authorization.getAttribute(STATE);
        if (state != null) {
            values.put(state, STATE);
        }
        AuthorizationDocuments.TOKEN_TYPES.forEach((type, tokenClass) -> {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(tokenClass);
            if (token != null) {
                values.put(token.getToken().getTokenValue(), type);
            }
        });
        return values;
    }

    /** Until its last token expires, plus {@link #GRACE}; {@link #PENDING} while it has none. */
    private static Duration lifetime(OAuth2Authorization authorization, Instant now) {
        Instant last = null;
        for (Class<? extends OAuth2Token> tokenClass : AuthorizationDocuments.TOKEN_TYPES.values()) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(tokenClass);
            Instant expiresAt = (token != null) ? token.getToken().getExpiresAt() : null;
            if (expiresAt != null && (last == null || expiresAt.isAfter(last))) {
                last = expiresAt;
            }
        }
        return (last != null) ? positive(Duration.between(now, last)).plus(GRACE) : PENDING;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
