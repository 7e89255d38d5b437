package io.qrlogin.gateway.events;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;

/**
 * Makes up for ticket events this gateway never received (a broker outage longer than the producers
 * retry, a producer that died with unsent events, a broker that hangs): it has the sockets' tickets
 * {@linkplain TicketChanges#resync() read again} from Redis
 * <ul>
 * <li>every {@code interval}, whatever Kafka does: a change whose event was lost reaches the browser
 * within one interval at worst;</li>
 * <li>at once when the broker answers again after it did not ({@link BrokerConnectivity});</li>
 * <li>at once when asked ({@link #resyncNow}), e.g. by a consumer that had to be re-created.</li>
 * </ul>
 *
 * <p>Nothing here waits for Kafka: the timer runs on its own, and a check of the broker that never
 * returns counts as "no answer" after {@link #CHECK_TIMEOUT}. One re-read runs at a time; triggers that
 * come meanwhile make one more, not one each.
 */
final class ResyncScheduler implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(ResyncScheduler.class);

    /** How often the broker is asked whether it answers. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    /** How long a check may take before it counts as "no answer". */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final TicketChanges changes;

    private final Duration interval;

    private final Mono<Boolean> brokerAnswers;

    private final Scheduler timer;

    private final Sinks.Many<String> requests = Sinks.many().multicast().directBestEffort();

    private @Nullable Disposable running;

    /**
     * @param changes the sockets, whose tickets are read again
     * @param interval how often every followed ticket is read again
     * @param brokerAnswers asks the broker whether it answers now, on each subscription (see
     * {@link BrokerConnectivity#answers()})
     * @param timer where the timers run ({@code Schedulers.parallel()}; a virtual-time one in tests)
     */
    ResyncScheduler(TicketChanges changes, Duration interval, Mono<Boolean> brokerAnswers, Scheduler timer) {
        this.changes = changes;
        this.interval = interval;
        this.brokerAnswers = brokerAnswers;
        this.timer = timer;
    }

    /** Has the followed tickets read again as soon as possible, because of {@code why} (logged). */
    synchronized void resyncNow(String why) {
        logger.info("{}; re-reading the tickets sockets follow", why);
        this.requests.tryEmitNext(why);
    }

    @Override
    public synchronized void start() {
        if (this.running != null) {
            return;
        }
        this.running = Flux.<Object>merge(Flux.interval(this.interval, this.interval, this.timer), brokerAnswersAgain(),
                this.requests.asFlux())
            // One re-read at a time; whatever came meanwhile makes one more.
            .onBackpressureLatest()
            .concatMap((trigger) -> resync(), 0)
            .subscribe();
        logger.info("Re-reading the tickets sockets follow every {}, and whenever Kafka answers again", this.interval);
    }

    /** Emits each time the broker answers after it did not; logs when it stops answering. */
    private Flux<Boolean> brokerAnswersAgain() {
        return Flux.interval(Duration.ZERO, CHECK_INTERVAL, this.timer)
            .onBackpressureDrop()
            .concatMap((tick) -> this.brokerAnswers
                .timeout(CHECK_TIMEOUT, this.timer)
                .onErrorReturn(false)
                .defaultIfEmpty(false), 0)
            .distinctUntilChanged()
            .index()
            .handle((change, sink) -> {
                boolean first = change.getT1() == 0;
                boolean answers = change.getT2();
                if (!answers && first) {
                    logger.info("Kafka does not answer yet");
                }
                else if (!answers) {
                    logger.warn("Kafka does not answer; sockets still get their snapshots, their expiries and the "
                            + "re-read every {}, and changes at once when it answers again", this.interval);
                }
                else if (!first) {
                    logger.info("Kafka answers again; re-reading the tickets sockets follow");
                    sink.next(true);
                }
            });
    }

    private Mono<Void> resync() {
        return Mono.defer(this.changes::resync)
            .doOnNext((pushed) -> {
                if (pushed > 0) {
                    logger.info("Re-read the followed tickets: {} change(s) had not arrived as events", pushed);
                }
            })
            .onErrorResume((ex) -> {
                logger.warn("Could not re-read the followed tickets: {}", ex.toString());
                return Mono.empty();
            })
            .then();
    }

    @Override
    public synchronized void stop() {
        if (this.running != null) {
            this.running.dispose();
            this.running = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        // False until start(): Spring starts only the lifecycle beans that say they are not running.
        return this.running != null;
    }
}
