package io.qrlogin.scan.web;

import java.util.function.BiFunction;

import io.qrlogin.common.edge.ClientAddress;
import io.qrlogin.common.event.TicketEventPublisher;
import io.qrlogin.common.ticket.AppUser;
import io.qrlogin.common.ticket.QrIds;
import io.qrlogin.common.ticket.RedisTicketStore;
import io.qrlogin.common.ticket.Ticket;
import io.qrlogin.common.ticket.Transition;
import io.qrlogin.scan.ScanProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's calls on a ticket. Each is one atomic Redis transition, announced on the event stream
 * before the app gets its answer — rejected ones too, since a call may be the one that found the
 * ticket expired. Failures reach the common problem responder.
 */
@RestController
@RequestMapping(path = "/api/scan/{qrId}", produces = MediaType.APPLICATION_JSON_VALUE)
class ScanController {

    private static final Logger logger = LoggerFactory.getLogger(ScanController.class);

    private final RedisTicketStore tickets;

    private final TicketEventPublisher events;

    private final ScanProperties settings;

    ScanController(RedisTicketStore tickets, TicketEventPublisher events, ScanProperties settings) {
        this.tickets = tickets;
        this.events = events;
        this.settings = settings;
    }

    @PostMapping
    Mono<ResponseEntity<ScanResponse>> scan(@PathVariable String qrId, @AuthenticationPrincipal AppUser user,
            ServerHttpRequest request) {
        String appIp = ClientAddress.of(request, this.settings.edge().clientIpHeader());
        return apply("scan", qrId, user, this.tickets::scan)
            .map((ticket) -> ScanResponse.of(ticket, this.settings.clientName(ticket.clientId()), appIp))
            .map(ScanController::noStore);
    }

    @PostMapping("/confirm")
    Mono<ResponseEntity<StateResponse>> confirm(@PathVariable String qrId, @AuthenticationPrincipal AppUser user) {
        return apply("confirm", qrId, user, this.tickets::confirm).map(StateResponse::of).map(ScanController::noStore);
    }

    @PostMapping("/cancel")
    Mono<ResponseEntity<StateResponse>> cancel(@PathVariable String qrId, @AuthenticationPrincipal AppUser user) {
        return apply("cancel", qrId, user, this.tickets::cancel).map(StateResponse::of).map(ScanController::noStore);
    }

    private Mono<Ticket> apply(String action, String qrId, AppUser user,
            BiFunction<String, AppUser, Mono<Transition>> command) {
        return Mono.fromCallable(() -> Outcomes.wellFormed(qrId))
            .flatMap((id) -> command.apply(id, user))
            .flatMap((transition) -> this.events.announce(transition).thenReturn(transition))
            .doOnNext((transition) -> logger.debug("{} of ticket {}: {}", action, QrIds.fingerprint(qrId),
                    describe(transition)))
            .map(Outcomes::ticket);
    }

    private static String describe(Transition transition) {
        if (transition instanceof Transition.Rejected rejected) {
            return "rejected, " + rejected.reason().code();
        }
        return ((Transition.Applied) transition).changed() ? "applied" : "repeated";
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
