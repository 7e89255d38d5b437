package io.qrlogin.oidc.login;

import java.io.Serial;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * A user signed in at the provider by a QR login: whom the phone confirmed, the session-service
 * session it opened, and when. Kept in the browser's provider session (Spring Session, JDK
 * serialisation) and in every authorization it grants.
 */
public final class QrAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The factor a QR login proves, with the moment it was proven: how Spring Security records auth_time. */
    public static final String FACTOR = "QR";

    /** The {@code acr} of a QR login: a signed-in phone app confirmed the login after seeing its context. */
    public static final String ACR = "urn:qrlogin:acr:qr";

    private final String subject;

    private final String name;

    private final String sessionId;

    private final Instant authTime;

    /**
     * @param subject the user ({@code sub})
     * @param name the user's display name
     * @param sessionId the session-service session the login opened ({@code sid})
     * @param authTime when the user confirmed on the phone ({@code auth_time})
     */
    public QrAuthentication(String subject, String name, String sessionId, Instant authTime) {
        super(List.of(FactorGrantedAuthority.withFactor(FACTOR).issuedAt(authTime).build()));
        this.subject = Objects.requireNonNull(subject, "subject");
        this.name = Objects.requireNonNull(name, "name");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.authTime = Objects.requireNonNull(authTime, "authTime");
        setAuthenticated(true);
    }

    /** The user's subject. */
    @Override
    public String getPrincipal() {
        return this.subject;
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    /** The user's subject, as every authorization names its principal. */
    @Override
    public String getName() {
        return this.subject;
    }

    /** The user's display name. */
    public String displayName() {
        return this.name;
    }

    /** The session-service session this login opened. */
    public String sessionId() {
        return this.sessionId;
    }

    /** When the user confirmed on the phone. */
    public Instant authTime() {
        return this.authTime;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof QrAuthentication that && this.subject.equals(that.subject) && this.name.equals(that.name)
                && this.sessionId.equals(that.sessionId) && this.authTime.equals(that.authTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.subject, this.name, this.sessionId, this.authTime);
    }

    @Override
    public String toString() {
        return "QrAuthentication[sub=" + this.subject + ", sid=" + this.sessionId + ", authTime=" + this.authTime + "]";
    }
}
