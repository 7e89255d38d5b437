package io.qrlogin.core.ticket;

import java.util.EnumSet;

import io.qrlogin.core.problem.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class TransitionRulesTest {

    /**
     * The whole table of what each command does to each state, by whom: the target state it moves the ticket
     * to, {@code KEEP} (nothing changes, the answer repeats), or the problem it is refused with.
     */
    @ParameterizedTest(name = "{0} on a {1} ticket by {2} user: {3}")
    @CsvSource(textBlock = """
            SCAN,    PENDING,   NONE,  SCANNED
            SCAN,    SCANNED,   SAME,  KEEP
            SCAN,    SCANNED,   OTHER, QR_ALREADY_SCANNED
            SCAN,    CONFIRMED, SAME,  QR_ALREADY_CONFIRMED
            SCAN,    CONFIRMED, OTHER, QR_ALREADY_SCANNED
            CONFIRM, PENDING,   NONE,  QR_NOT_SCANNED
            CONFIRM, SCANNED,   SAME,  CONFIRMED
            CONFIRM, SCANNED,   OTHER, FORBIDDEN
            CONFIRM, CONFIRMED, SAME,  KEEP
            CONFIRM, CONFIRMED, OTHER, FORBIDDEN
            CONFIRM, CANCELLED, SAME,  QR_CANCELLED
            CONFIRM, EXPIRED,   SAME,  QR_EXPIRED
            CANCEL,  PENDING,   NONE,  CANCELLED
            CANCEL,  SCANNED,   SAME,  CANCELLED
            CANCEL,  SCANNED,   OTHER, FORBIDDEN
            CANCEL,  CONFIRMED, SAME,  QR_ALREADY_CONFIRMED
            CANCEL,  CONFIRMED, OTHER, FORBIDDEN
            CANCEL,  CANCELLED, SAME,  KEEP
            CANCEL,  CANCELLED, OTHER, QR_CANCELLED
            REDEEM,  CONFIRMED, NONE,  REDEEMED
            REDEEM,  PENDING,   NONE,  QR_NOT_CONFIRMED
            REDEEM,  SCANNED,   NONE,  QR_NOT_CONFIRMED
            REDEEM,  REDEEMED,  NONE,  QR_ALREADY_REDEEMED
            REDEEM,  CANCELLED, NONE,  QR_CANCELLED
            REDEEM,  EXPIRED,   NONE,  QR_EXPIRED
            DECLINE, PENDING,   NONE,  CANCELLED
            DECLINE, SCANNED,   NONE,  CANCELLED
            DECLINE, CONFIRMED, NONE,  CANCELLED
            DECLINE, CANCELLED, NONE,  KEEP
            DECLINE, REDEEMED,  NONE,  QR_ALREADY_REDEEMED
            DECLINE, EXPIRED,   NONE,  QR_EXPIRED
            """)
    void eachCommandOnEachStateDecidesAsTheTableSays(Command command, TicketState state, Relation relation,
            String expected) {
        assertThat(decide(command, state, relation)).isEqualTo(expected(expected));
    }

    @Test
    void onlyTheBrowsersCommandsRequireTheVerifier() {
        assertThat(EnumSet.allOf(Command.class).stream().filter(Command::requiresVerifier))
            .containsExactly(Command.REDEEM, Command.DECLINE, Command.VERIFY);
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

    private static Decision expected(String name) {
        if (name.equals("KEEP")) {
            return new Decision.Keep();
        }
        for (TicketState state : TicketState.values()) {
            if (state.name().equals(name)) {
                return new Decision.Apply(state);
            }
        }
        return new Decision.Reject(ProblemCode.valueOf(name));
    }
}
