package io.qrlogin.testing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketState;
import org.jspecify.annotations.Nullable;

import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;

/**
 * Test fixtures: users, browsers, ids and verifiers, and tickets built in memory ({@link #ticket()}).
 * Tickets stored in the shared Redis come from the ticket engine's test-jar ({@code RedisTickets}).
 */
public final class TestTickets {

    public static final AppUser ALICE = new AppUser("alice-sub", "Alice Example");

    public static final AppUser BOB = new AppUser("bob-sub", "Bob Example");

    public static final BrowserContext BROWSER = new BrowserContext("203.0.113.7",
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36");

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final QrIds IDS = new QrIds(RANDOM);

    private TestTickets() {
    }

    /** A fresh, well-formed ticket id. */
    public static String qrId() {
        return IDS.next();
    }

    /** A fresh RFC 7636 verifier (43 characters). */
    public static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A builder of an in-memory ticket: {@code PENDING}, client {@code web}, minted now, two minutes to
     * go. Each test states only what it changes.
     */
    public static TicketBuilder ticket() {
        return new TicketBuilder();
    }

    /** Builds {@link Ticket}s for tests; every setter returns the builder. */
    public static final class TicketBuilder {

        private String qrId = TestTickets.qrId();

        private TicketState state = TicketState.PENDING;

        private String clientId = "web";

        private String codeChallenge = Pkce.s256(TestTickets.verifier());

        private BrowserContext browser = BROWSER;

        private Instant createdAt = Instant.now();

        private Instant expiresAt = this.createdAt.plusSeconds(120);

        private @Nullable AppUser scannedBy;

        private @Nullable Instant confirmedAt;

        private boolean numberMatching;

        private @Nullable String matchCode;

        private TicketKind kind = TicketKind.BROWSER;

        private TicketBuilder() {
        }

        public TicketBuilder qrId(String qrId) {
            this.qrId = qrId;
            return this;
        }

        public TicketBuilder state(TicketState state) {
            this.state = state;
            return this;
        }

        public TicketBuilder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The challenge of {@code verifier}. */
        public TicketBuilder verifier(String verifier) {
            this.codeChallenge = Pkce.s256(verifier);
            return this;
        }

        public TicketBuilder browser(BrowserContext browser) {
            this.browser = browser;
            return this;
        }

        public TicketBuilder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Scanned by {@code user} (the state follows only if set). */
        public TicketBuilder scannedBy(AppUser user) {
            this.scannedBy = user;
            return this;
        }

        public TicketBuilder confirmedAt(Instant confirmedAt) {
            this.confirmedAt = confirmedAt;
            return this;
        }

        /** Requires number matching; {@code matchCode} once scanned, else {@code null}. */
        public TicketBuilder numberMatching(@Nullable String matchCode) {
            this.numberMatching = true;
            this.matchCode = matchCode;
            return this;
        }

        /** A ticket of {@code kind} (a browser's unless set). */
        public TicketBuilder kind(TicketKind kind) {
            this.kind = kind;
            return this;
        }

        public Ticket build() {
            return new Ticket(this.qrId, this.state, this.clientId, this.codeChallenge, this.browser, this.createdAt,
                    this.expiresAt, this.createdAt, this.scannedBy, this.confirmedAt, this.numberMatching,
                    this.matchCode, this.kind);
        }
    }
}
