package io.qrlogin.core.client;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One client (site) as configured under {@code qrlogin.clients.<id>.*}, alike in every service (one
 * ConfigMap): each service reads the part it needs. {@link ClientRegistry#of} validates it.
 *
 * @param name the name the confirm screen shows the user, e.g. "Payroll"
 * @param origins the browser origins (scheme://host[:port]) the client's pages are served from: they may
 * ask for QR codes and open the socket, and only they get CORS answers
 * @param audience the {@code aud} of the session tokens the client's browsers get; the client id if unset
 * @param numberMatching whether the user must type, on the phone, the two-digit code the browser shows
 * after the scan (off if unset)
 */
public record ClientProperties(@Nullable String name, @Nullable List<String> origins, @Nullable String audience,
        @Nullable Boolean numberMatching) {

    /** The id of the client known out of the box. */
    public static final String DEFAULT_CLIENT_ID = "web";

    /** The clients known out of the box: the login page served at the local gateway's address. */
    public static final Map<String, ClientProperties> DEFAULTS = Map.of(DEFAULT_CLIENT_ID,
            new ClientProperties("Web", List.of("http://localhost:8080"), DEFAULT_CLIENT_ID, false));
}
