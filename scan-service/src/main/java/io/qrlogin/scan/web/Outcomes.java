package io.qrlogin.scan.web;

import java.util.function.Function;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.support.web.Transitions;
import reactor.core.publisher.Mono;

/** Checks the app's input and turns the answers of the ticket commands into what the app gets: the ticket, or the problem. */
final class Outcomes {

    private Outcomes() {
    }

    /** {@code qrId}, if it has the shape of an id; malformed input never reaches Redis. */
    static String wellFormed(String qrId) {
        if (!QrIds.isWellFormed(qrId)) {
            throw new QrLoginException(ProblemCode.INVALID_REQUEST, "The QR code id is malformed.");
        }
        return qrId;
    }

    /** The ticket after {@code command} on a well-formed {@code qrId}, or the problem the app gets. */
    static Mono<Ticket> after(String qrId, Function<String, Mono<Transition>> command) {
        return Mono.fromCallable(() -> wellFormed(qrId)).flatMap(command).map(Outcomes::ticket);
    }

    /** The ticket after an applied command, or the problem a rejected one becomes. */
    static Ticket ticket(Transition transition) {
        return Transitions.ticketOrProblem(transition, Outcomes::detail);
    }

    /** A sentence the app may show its user; never the id. */
    static String detail(ProblemCode reason) {
        return switch (reason) {
            case QR_NOT_FOUND -> "There is no such QR code; ask the browser for a new one.";
            case QR_ALREADY_SCANNED -> "Another user has already scanned this QR code.";
            case QR_NOT_SCANNED -> "Scan the QR code before confirming the login.";
            case QR_ALREADY_CONFIRMED -> "This login is already confirmed.";
            case FORBIDDEN -> "Only the user who scanned this QR code may confirm or cancel the login.";
            case MATCH_CODE_MISMATCH -> "The code does not match the one the browser shows; the login is cancelled.";
            case QR_EXPIRED -> "This QR code has expired; ask the browser for a new one.";
            case QR_CANCELLED -> "This login was cancelled.";
            case QR_ALREADY_REDEEMED -> "This login is already complete.";
            default -> reason.title() + ".";
        };
    }
}
