package io.qrlogin.core.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import org.jspecify.annotations.Nullable;

/**
 * The clients (sites) allowed to ask for a QR login, from {@code qrlogin.clients.<id>.*}. A ticket for
 * any other {@code clientId} is refused with {@code unknown_client}. Immutable; built and validated
 * once at start-up, so a bad entry fails the start naming the property.
 */
public final class ClientRegistry {

    /** What a client id looks like: also a bounded metric tag and a safe log value. */
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Longer names do not fit a phone's confirm screen. */
    static final int MAX_NAME_LENGTH = 100;

    private final Map<String, Client> clients;

    private final Set<String> origins;

    private ClientRegistry(Map<String, Client> clients) {
        this.clients = Map.copyOf(clients);
        Set<String> origins = new LinkedHashSet<>();
        clients.values().forEach((client) -> origins.addAll(client.origins()));
        this.origins = Set.copyOf(origins);
    }

    /** The registry of the configured clients; {@code null} or empty means {@link ClientProperties#DEFAULTS}. */
    public static ClientRegistry of(@Nullable Map<String, ClientProperties> configured) {
        Map<String, ClientProperties> entries = (configured == null || configured.isEmpty()) ? ClientProperties.DEFAULTS
                : configured;
        Map<String, Client> clients = new LinkedHashMap<>();
        new TreeMap<>(entries).forEach((id, properties) -> clients.put(id, client(id, properties)));
        requireDistinctAudiences(clients);
        return new ClientRegistry(clients);
    }

    /** The registry of the clients known out of the box. */
    public static ClientRegistry defaults() {
        return of(null);
    }

    /** The client {@code clientId}, if it is registered. */
    public Optional<Client> find(@Nullable String clientId) {
        return (clientId != null) ? Optional.ofNullable(this.clients.get(clientId)) : Optional.empty();
    }

    /** The client {@code clientId}; {@code unknown_client} when it is not registered. */
    public Client require(@Nullable String clientId) {
        return find(clientId).orElseThrow(() -> new QrLoginException(ProblemCode.UNKNOWN_CLIENT,
                "There is no such client; the clientId must be one the platform is configured with."));
    }

    /** Every registered client, by id. */
    public Map<String, Client> clients() {
        return this.clients;
    }

    /** The clients of the OpenID Provider (those with a {@code type}), by id. */
    public Map<String, Client> oauthClients() {
        Map<String, Client> oauth = new TreeMap<>();
        this.clients.forEach((id, client) -> {
            if (client.oauth() != null) {
                oauth.put(id, client);
            }
        });
        return Collections.unmodifiableMap(oauth);
    }

    /** The origins of every client's pages, normalised. */
    public Set<String> origins() {
        return this.origins;
    }

    /**
     * A session token's {@code aud} names the one client it was issued for: were two clients to share it, a
     * token one client's browser got would be accepted by the other's backend.
     */
    private static void requireDistinctAudiences(Map<String, Client> clients) {
        Map<String, String> owners = new TreeMap<>();
        clients.forEach((id, client) -> {
            String owner = owners.putIfAbsent(client.audience(), id);
            if (owner != null) {
                throw new IllegalArgumentException("qrlogin.clients." + owner + " and qrlogin.clients." + id
                        + " share the session-token audience '" + client.audience() + "': a token issued to one would "
                        + "be accepted by the other; give each client an audience of its own");
            }
        });
    }

    private static Client client(String id, @Nullable ClientProperties properties) {
        String prefix = "qrlogin.clients." + id;
        if (!CLIENT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("qrlogin.clients: the client id '" + id
                    + "' must be 1 to 64 characters of [A-Za-z0-9._-]");
        }
        if (properties == null || properties.name() == null || properties.name().isBlank()) {
            throw new IllegalArgumentException(prefix + ".name must be set: the name the confirm screen shows");
        }
        String name = properties.name().strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(prefix + ".name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        List<String> configuredOrigins = (properties.origins() != null) ? properties.origins() : List.of();
        List<String> origins = configuredOrigins.stream()
            .filter((origin) -> !origin.isBlank())
            .map((origin) -> Origins.normalize(origin, prefix + ".origins"))
            .distinct()
            .toList();
        OAuthClient oauth = OAuthSettings.of(prefix, properties);
        // An OAuth client's users sign in on the OpenID Provider's page, so it needs no pages of its own.
        if (origins.isEmpty() && oauth == null) {
            throw new IllegalArgumentException(prefix + ".origins must name at least one browser origin "
                    + "(scheme://host[:port]) the client's login page is served from");
        }
        String audience = (properties.audience() != null && !properties.audience().isBlank())
                ? properties.audience().strip() : id;
        NumberMatching numberMatching = NumberMatching.parse(properties.numberMatching(), prefix + ".number-matching");
        boolean confirmIdentityInBrowser = !Boolean.FALSE.equals(properties.confirmIdentityInBrowser());
        SessionLifetimes sessionLifetimes = SessionLifetimes.of(prefix, properties.sessionIdleTimeout(),
                properties.sessionMaxLifetime());
        return new Client(id, name, origins, audience, numberMatching, confirmIdentityInBrowser, oauth,
                sessionLifetimes);
    }
}
