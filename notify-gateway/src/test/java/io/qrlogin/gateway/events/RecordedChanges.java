package io.qrlogin.gateway.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.engine.kafka.TicketEventCodec;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Sockets as the fan-out sees them: every change it passes on, and every re-read it asks for. */
final class RecordedChanges implements TicketChanges {

    private final List<TicketEventCodec.Change> changes = new CopyOnWriteArrayList<>();

    private final AtomicInteger resyncs = new AtomicInteger();

    private final Supplier<Mono<Integer>> resync;

    /** Each re-read completes at once. */
    RecordedChanges() {
        this(() -> Mono.just(0));
    }

    /** Each re-read is {@code resync}'s next answer (one that never completes, or fails, …). */
    RecordedChanges(Supplier<Mono<Integer>> resync) {
        this.resync = resync;
    }

    @Override
    public void changed(String qrIdHash, @Nullable TicketState reached) {
        this.changes.add(new TicketEventCodec.Change(qrIdHash, reached));
    }

    @Override
    public Mono<Integer> resync() {
        this.resyncs.incrementAndGet();
        return this.resync.get();
    }

    List<TicketEventCodec.Change> changes() {
        return this.changes;
    }

    /** How many re-reads were started. */
    int resyncs() {
        return this.resyncs.get();
    }
}
