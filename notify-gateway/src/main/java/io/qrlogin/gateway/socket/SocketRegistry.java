package io.qrlogin.gateway.socket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.gateway.events.TicketChanges;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The sockets this instance holds, by ticket, and the fan-out of ticket changes to them.
 *
 * <p>An event does not carry what the browser is shown (the scanner's name, the expiry), so for a
 * ticket with sockets here the registry reads the ticket from Redis — the source of truth — and offers
 * it to each of them; a socket lets through only what is newer than what it has ({@link BrowserSocket#offer}).
 * An event for a ticket without sockets here costs nothing: no Redis call.
 *
 * <p>Subscribing is race-free because a socket is registered BEFORE its snapshot is read: a change
 * made before the snapshot read is in the snapshot, and the event of any later change is consumed after
 * the registration, finds the socket, and triggers a read that sees it. Whichever of the two arrives
 * first, the socket's ordering drops the stale one.
 *
 * <p>Events can be lost (a broker down for longer than the producers retry, or hung): the fan-out then
 * has every ticket the sockets follow {@linkplain #resync() read again}, on a timer and when the broker
 * answers again. The same ordering makes that race-free too: a re-read pushes only what a socket has not
 * seen. An {@code EXPIRED} found that way is left to the socket's expiry timer, which also makes the
 * expiry final in Redis and announces it.
 *
 * <p>On shutdown every socket is closed with 1001 (going away), before the web server stops, so
 * browsers resubscribe through another instance.
 */
final class SocketRegistry implements TicketChanges, SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(SocketRegistry.class);

    private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    private final ConcurrentHashMap<String, Set<BrowserSocket>> byTicket = new ConcurrentHashMap<>();

    private final Set<BrowserSocket> open = ConcurrentHashMap.newKeySet();

    private final Function<String, Mono<Ticket>> tickets;

    private final PushMetrics metrics;

    private final int resyncConcurrency;

    /** From the start: the web server may hand over a socket before this bean's {@link #start()}. */
    private volatile boolean accepting = true;

    private volatile boolean running;

    /**
     * @param tickets reads a ticket as it stands (the Redis store's {@code find})
     * @param metrics counts the changes pushed
     * @param resyncConcurrency how many tickets one {@link #resync()} reads at a time
     */
    SocketRegistry(Function<String, Mono<Ticket>> tickets, PushMetrics metrics, int resyncConcurrency) {
        this.tickets = tickets;
        this.metrics = metrics;
        this.resyncConcurrency = resyncConcurrency;
    }

    /** Adds a new connection; {@code false} once the instance is shutting down. */
    boolean open(BrowserSocket socket) {
        this.open.add(socket);
        if (!this.accepting) {
            // stop() may have closed the others before this one was added.
            this.open.remove(socket);
            return false;
        }
        return true;
    }

    /**
     * Registers {@code socket} for the changes of {@code qrId}, THEN reads the ticket: the snapshot to
     * send first. Nothing changed after the read can be missed (see the class comment).
     */
    Mono<Ticket> follow(String qrId, BrowserSocket socket) {
        return Mono.defer(() -> {
            register(qrId, socket);
            return this.tickets.apply(qrId);
        });
    }

    private void register(String qrId, BrowserSocket socket) {
        // Keyed by the ticket's hash: events name tickets by it, never by the id.
        this.byTicket.compute(QrIds.hash(qrId), (id, sockets) -> {
            Set<BrowserSocket> registered = (sockets != null) ? sockets : ConcurrentHashMap.newKeySet();
            registered.add(socket);
            return registered;
        });
    }

    /** Forgets a closed socket. */
    void remove(BrowserSocket socket) {
        this.open.remove(socket);
        String qrId = socket.qrId();
        if (qrId != null) {
            this.byTicket.computeIfPresent(QrIds.hash(qrId), (id, sockets) -> {
                sockets.remove(socket);
                return sockets.isEmpty() ? null : sockets;
            });
        }
    }

    /** How many sockets this instance holds. */
    int size() {
        return this.open.size();
    }

    /** How many tickets have sockets here. */
    int tickets() {
        return this.byTicket.size();
    }

    @Override
    public void changed(String qrIdHash, @Nullable TicketState reached) {
        Set<BrowserSocket> sockets = this.byTicket.get(qrIdHash);
        if (sockets == null || sockets.isEmpty()) {
            return;
        }
        // The sockets know the id they subscribed with (and proved with the verifier): the only way
        // from an event back to the ticket.
        String qrId = followedId(sockets);
        if (qrId == null) {
            return;
        }
        if (reached != null && sockets.stream().allMatch((socket) -> socket.hasSeen(reached))) {
            // A duplicate, or news the sockets already have from their snapshot: nothing to read.
            return;
        }
        // The consumer's observation (the trace of the change) goes along to the push and its log line.
        ContextSnapshot trace = snapshots.captureAll();
        this.tickets.apply(qrId)
            .retryWhen(Retry.backoff(2, Duration.ofMillis(50)))
            .subscribe((ticket) -> {
                try (ContextSnapshot.Scope scope = trace.setThreadLocals()) {
                    deliver(ticket);
                }
            }, (ex) -> logger.warn("Could not read ticket {} to push its change: {}",
                    QrIds.fingerprint(qrId), ex.toString()));
    }

    /** The id the {@code sockets} registered under one hash follow, as they proved it with the verifier. */
    private static @Nullable String followedId(Set<BrowserSocket> sockets) {
        return sockets.stream().map(BrowserSocket::qrId).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * Re-reads every ticket a socket here follows and offers it to its sockets; completes once all are
     * read. A ticket that cannot be read now is skipped (the next round tries again).
     *
     * @return how many sockets got a change they had not seen
     */
    @Override
    public Mono<Integer> resync() {
        // The sockets know the ids they follow; the registry itself knows only their hashes.
        return Flux.fromIterable(List.copyOf(this.byTicket.values()))
            .mapNotNull(SocketRegistry::followedId)
            .flatMap((qrId) -> this.tickets.apply(qrId)
                .filter((ticket) -> ticket.state() != TicketState.EXPIRED)
                .map(this::deliver)
                .onErrorResume((ex) -> {
                    logger.debug("Could not re-read ticket {}: {}", QrIds.fingerprint(qrId), ex.toString());
                    return Mono.empty();
                }), this.resyncConcurrency)
            .reduce(0, Integer::sum);
    }

    /**
     * Offers {@code ticket} to every socket registered for it now.
     *
     * @return how many of them it was news to
     */
    int deliver(Ticket ticket) {
        Set<BrowserSocket> sockets = this.byTicket.get(QrIds.hash(ticket.qrId()));
        int sent = 0;
        if (sockets != null) {
            for (BrowserSocket socket : sockets) {
                boolean news = socket.offer(ticket);
                pushed(news, ticket);
                sent += news ? 1 : 0;
            }
        }
        return sent;
    }

    /** Counts {@code ticket}'s push if {@code sent}. */
    void pushed(boolean sent, Ticket ticket) {
        if (sent) {
            logger.debug("Pushed {} of ticket {}", ticket.state(), ticket.fingerprint());
            this.metrics.pushed(ticket);
        }
    }

    @Override
    public int getPhase() {
        // Stop first: ahead of the web server's graceful shutdown, which would wait for open sockets.
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public void start() {
        this.accepting = true;
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        this.accepting = false;
        this.open.forEach((socket) -> socket.close(CloseStatus.GOING_AWAY));
    }

    @Override
    public boolean isRunning() {
        // False until start(): Spring starts only the lifecycle beans that say they are not running.
        return this.running;
    }
}
