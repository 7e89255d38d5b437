package io.qrlogin.core.ticket;

import java.util.Objects;

/**
 * A signed-in app user, from the app token's {@code sub} and {@code name} claims.
 *
 * @param subject the stable user id ({@code sub})
 * @param name the display name shown to the browser
 */
public record AppUser(String subject, String name) {

    public AppUser {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("subject must not be empty");
        }
    }
}
