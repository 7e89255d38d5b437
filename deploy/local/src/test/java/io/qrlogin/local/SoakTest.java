package io.qrlogin.local;

import java.util.Arrays;

import io.qrlogin.local.Soak.Flow;
import io.qrlogin.local.Soak.Outcome;
import io.qrlogin.local.Soak.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoakTest {

    @Test
    void flowsAreCountedUnderTheirLowerCaseNames() {
        assertThat(Arrays.stream(Flow.values()).map(Flow::toString)).containsExactly("login", "cancel", "expiry");
    }

    @Test
    void outcomesAreCountedUnderTheirVerdictAndReason() {
        assertThat(Outcome.OK).hasToString("ok");
        assertThat(Outcome.unavailable("mint for 90 s")).hasToString("unavailable: mint for 90 s")
            .extracting(Outcome::verdict).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(Outcome.violation("cancel not pushed")).hasToString("VIOLATION: cancel not pushed")
            .extracting(Outcome::verdict).isEqualTo(Verdict.VIOLATION);
    }
}
