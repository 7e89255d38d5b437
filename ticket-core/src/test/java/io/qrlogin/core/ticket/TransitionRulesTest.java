package io.qrlogin.core.ticket;

import java.util.EnumSet;

import io.qrlogin.core.problem.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class TransitionRulesTest {

    @Test
    void scanWhenPendingThenScanned() {
        assertThat(decide(Command.SCAN, TicketState.PENDING, Relation.NONE)).isEqualTo(apply(TicketState.SCANNED));
    }

    @Test
    void scanWhenScannedBySameUserThenKeptIdempotently() {
        assertThat(decide(Command.SCAN, TicketState.SCANNED, Relation.SAME)).isEqualTo(new Decision.Keep());
    }

    @Test
    void scanWhenScannedByAnotherUserThenAlreadyScanned() {
        assertThat(decide(Command.SCAN, TicketState.SCANNED, Relation.OTHER)).isEqualTo(reject(ProblemCode.QR_ALREADY_SCANNED));
    }

    @Test
    void scanWhenConfirmedThenRejected() {
        assertThat(decide(Command.SCAN, TicketState.CONFIRMED, Relation.SAME)).isEqualTo(reject(ProblemCode.QR_ALREADY_CONFIRMED));
        assertThat(decide(Command.SCAN, TicketState.CONFIRMED, Relation.OTHER)).isEqualTo(reject(ProblemCode.QR_ALREADY_SCANNED));
    }

    @Test
    void confirmBeforeScanThenNotScanned() {
        assertThat(decide(Command.CONFIRM, TicketState.PENDING, Relation.NONE)).isEqualTo(reject(ProblemCode.QR_NOT_SCANNED));
    }

    @Test
    void confirmWhenScannedBySameUserThenConfirmed() {
        assertThat(decide(Command.CONFIRM, TicketState.SCANNED, Relation.SAME)).isEqualTo(apply(TicketState.CONFIRMED));
    }

    @Test
    void confirmWhenScannedByAnotherUserThenForbidden() {
        assertThat(decide(Command.CONFIRM, TicketState.SCANNED, Relation.OTHER)).isEqualTo(reject(ProblemCode.FORBIDDEN));
    }

    @Test
    void confirmReplayedBySameUserThenKeptWithoutChange() {
        assertThat(decide(Command.CONFIRM, TicketState.CONFIRMED, Relation.SAME)).isEqualTo(new Decision.Keep());
    }

    @Test
    void confirmWhenConfirmedByAnotherUserThenForbidden() {
        assertThat(decide(Command.CONFIRM, TicketState.CONFIRMED, Relation.OTHER)).isEqualTo(reject(ProblemCode.FORBIDDEN));
    }

    @Test
    void confirmWhenCancelledThenCancelled() {
        assertThat(decide(Command.CONFIRM, TicketState.CANCELLED, Relation.SAME)).isEqualTo(reject(ProblemCode.QR_CANCELLED));
    }

    @Test
    void confirmWhenExpiredThenExpired() {
        assertThat(decide(Command.CONFIRM, TicketState.EXPIRED, Relation.SAME)).isEqualTo(reject(ProblemCode.QR_EXPIRED));
    }

    @Test
    void cancelWhenPendingThenCancelled() {
        assertThat(decide(Command.CANCEL, TicketState.PENDING, Relation.NONE)).isEqualTo(apply(TicketState.CANCELLED));
    }

    @Test
    void cancelWhenScannedBySameUserThenCancelled() {
        assertThat(decide(Command.CANCEL, TicketState.SCANNED, Relation.SAME)).isEqualTo(apply(TicketState.CANCELLED));
    }

    @Test
    void cancelWhenScannedByAnotherUserThenForbidden() {
        assertThat(decide(Command.CANCEL, TicketState.SCANNED, Relation.OTHER)).isEqualTo(reject(ProblemCode.FORBIDDEN));
    }

    @Test
    void cancelAfterConfirmThenAlreadyConfirmed() {
        assertThat(decide(Command.CANCEL, TicketState.CONFIRMED, Relation.SAME)).isEqualTo(reject(ProblemCode.QR_ALREADY_CONFIRMED));
        assertThat(decide(Command.CANCEL, TicketState.CONFIRMED, Relation.OTHER)).isEqualTo(reject(ProblemCode.FORBIDDEN));
    }

    @Test
    void cancelReplayedBySameUserThenKept() {
        assertThat(decide(Command.CANCEL, TicketState.CANCELLED, Relation.SAME)).isEqualTo(new Decision.Keep());
        assertThat(decide(Command.CANCEL, TicketState.CANCELLED, Relation.OTHER)).isEqualTo(reject(ProblemCode.QR_CANCELLED));
    }

    @Test
    void redeemWhenConfirmedThenRedeemed() {
        assertThat(decide(Command.REDEEM, TicketState.CONFIRMED, Relation.NONE)).isEqualTo(apply(TicketState.REDEEMED));
    }

    @Test
    void redeemBeforeConfirmThenNotConfirmed() {
        assertThat(decide(Command.REDEEM, TicketState.PENDING, Relation.NONE)).isEqualTo(reject(ProblemCode.QR_NOT_CONFIRMED));
        assertThat(decide(Command.REDEEM, TicketState.SCANNED, Relation.NONE)).isEqualTo(reject(ProblemCode.QR_NOT_CONFIRMED));
    }

    @Test
    void redeemReplayedThenAlreadyRedeemed() {
        assertThat(decide(Command.REDEEM, TicketState.REDEEMED, Relation.NONE)).isEqualTo(reject(ProblemCode.QR_ALREADY_REDEEMED));
    }

    @Test
    void redeemWhenCancelledOrExpiredThenGone() {
        assertThat(decide(Command.REDEEM, TicketState.CANCELLED, Relation.NONE)).isEqualTo(reject(ProblemCode.QR_CANCELLED));
        assertThat(decide(Command.REDEEM, TicketState.EXPIRED, Relation.NONE)).isEqualTo(reject(ProblemCode.QR_EXPIRED));
    }

    @Test
    void onlyTheBrowsersCommandsRequireTheVerifier() {
        assertThat(EnumSet.allOf(Command.class).stream().filter(Command::requiresVerifier))
            .containsExactly(Command.REDEEM, Command.DECLINE, Command.VERIFY);
    }

    @ParameterizedTest
    @EnumSource(value = TicketState.class, names = { "PENDING", "SCANNED", "CONFIRMED" })
    void declineByTheBrowserBeforeRedeemThenCancelled(TicketState state) {
        assertThat(decide(Command.DECLINE, state, Relation.NONE)).isEqualTo(apply(TicketState.CANCELLED));
    }

    @Test
    void declineRepeatedThenKept() {
        assertThat(decide(Command.DECLINE, TicketState.CANCELLED, Relation.NONE)).isEqualTo(new Decision.Keep());
    }

    @Test
    void declineAfterRedeemOrExpiryThenGone() {
        assertThat(decide(Command.DECLINE, TicketState.REDEEMED, Relation.NONE))
            .isEqualTo(reject(ProblemCode.QR_ALREADY_REDEEMED));
        assertThat(decide(Command.DECLINE, TicketState.EXPIRED, Relation.NONE)).isEqualTo(reject(ProblemCode.QR_EXPIRED));
    }

    @Test
    void verifyNeverChangesTheTicket() {
        for (TicketState state : TicketState.values()) {
            assertThat(decide(Command.VERIFY, state, Relation.NONE)).isEqualTo(new Decision.Keep());
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void anyCommandOnTerminalTicketNeverLeavesIt(Command command) {
        for (TicketState state : EnumSet.of(TicketState.REDEEMED, TicketState.CANCELLED, TicketState.EXPIRED)) {
            for (Relation relation : Relation.values()) {
                assertThat(decide(command, state, relation)).isNotInstanceOf(Decision.Apply.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void noCommandLeadsBackOrSkipsTheScanner(Command command) {
        for (TicketState state : TicketState.values()) {
            for (Relation relation : Relation.values()) {
                if (decide(command, state, relation) instanceof Decision.Apply apply) {
                    assertThat(apply.target().ordinal()).isGreaterThan(state.ordinal());
                    if (state != TicketState.PENDING && !command.requiresVerifier()) {
                        assertThat(relation).as("only the scanner moves a scanned ticket").isNotEqualTo(Relation.OTHER);
                    }
                }
            }
        }
    }

    @Test
    void expireCommandNeverDecidesItself() {
        for (TicketState state : TicketState.values()) {
            assertThat(decide(Command.EXPIRE, state, Relation.NONE)).isEqualTo(new Decision.Keep());
        }
    }

    @Test
    void confirmedIsFinalForTheBrowserButNotTerminal() {
        assertThat(TicketState.CONFIRMED.isFinalForBrowser()).isTrue();
        assertThat(TicketState.CONFIRMED.isTerminal()).isFalse();
        assertThat(TicketState.SCANNED.isFinalForBrowser()).isFalse();
    }

    private static Decision decide(Command command, TicketState state, Relation relation) {
        return TransitionRules.decide(command, state, relation);
    }

    private static Decision apply(TicketState target) {
        return new Decision.Apply(target);
    }

    private static Decision reject(ProblemCode reason) {
        return new Decision.Reject(reason);
    }
}
