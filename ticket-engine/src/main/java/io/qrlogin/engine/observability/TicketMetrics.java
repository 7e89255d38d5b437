package io.qrlogin.engine.observability;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.qrlogin.core.event.TicketEvent;
import io.qrlogin.core.problem.ProblemCode;
import org.jspecify.annotations.Nullable;

/**
 * The login funnel as meters, shared by every service so each counts the same way:
 * {@code qrlogin.tickets} (Prometheus {@code qrlogin_tickets_total}) by {@code event} and {@code client},
 * counted where a service applies a transition (it announces it), and {@code qrlogin.rejections} by
 * problem {@code code} for refused attempts.
 *
 * <p>Tags stay bounded: {@code client} is a validated client id, and past {@link #DEFAULT_MAX_CLIENTS}
 * distinct ones (or for anything not shaped like one) it is {@value #OTHER_CLIENT}. Never a ticket id, a
 * user, an IP address or a secret.
 */
public final class TicketMetrics {

    /** Ticket transitions, by {@code event} and {@code client}. */
    public static final String TICKETS = "qrlogin.tickets";

    /** Refused attempts, by problem {@code code}. */
    public static final String REJECTIONS = "qrlogin.rejections";

    /** The {@code client} tag of clients past the limit, or not shaped like a client id. */
    public static final String OTHER_CLIENT = "other";

    /** How many distinct client ids get their own time series. */
    public static final int DEFAULT_MAX_CLIENTS = 50;

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final MeterRegistry registry;

    private final int maxClients;

    private final Set<String> clients = ConcurrentHashMap.newKeySet();

    public TicketMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_CLIENTS);
    }

    public TicketMetrics(MeterRegistry registry, int maxClients) {
        this.registry = registry;
        this.maxClients = maxClients;
    }

    /** Meters that go nowhere, for code used without a registry (tests, tools). */
    public static TicketMetrics none() {
        return new TicketMetrics(new CompositeMeterRegistry());
    }

    /** Counts the transition {@code event} announces. */
    public void transitioned(TicketEvent event) {
        Counter.builder(TICKETS)
            .description("Ticket transitions applied, by event and client")
            .tag("event", event.type().name().toLowerCase(Locale.ROOT))
            .tag("client", client(event.clientId()))
            .register(this.registry)
            .increment();
    }

    /** Counts an attempt refused with {@code code}. */
    public void rejected(ProblemCode code) {
        Counter.builder(REJECTIONS)
            .description("Attempts refused, by problem code")
            .tag("code", code.code())
            .register(this.registry)
            .increment();
    }

    /** The {@code client} tag for {@code clientId}: itself while the set of clients stays small. */
    String client(@Nullable String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            return OTHER_CLIENT;
        }
        if (this.clients.contains(clientId)) {
            return clientId;
        }
        synchronized (this.clients) {
            if (this.clients.size() < this.maxClients) {
                this.clients.add(clientId);
                return clientId;
            }
        }
        return this.clients.contains(clientId) ? clientId : OTHER_CLIENT;
    }
}
