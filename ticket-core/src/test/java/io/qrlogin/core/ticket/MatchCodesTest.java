package io.qrlogin.core.ticket;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchCodesTest {

    @Test
    void codesAreTwoDigitsWithoutALeadingZeroAndCoverTheRange() {
        MatchCodes codes = new MatchCodes(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String code = codes.next();
            assertThat(code).matches("[1-9][0-9]");
            seen.add(code);
        }
        assertThat(seen).hasSize(90);
    }

    @Test
    void wellFormedIsExactlyTwoDigits() {
        assertThat(MatchCodes.isWellFormed("42")).isTrue();
        assertThat(MatchCodes.isWellFormed("4")).isFalse();
        assertThat(MatchCodes.isWellFormed("420")).isFalse();
        assertThat(MatchCodes.isWellFormed("4a")).isFalse();
        assertThat(MatchCodes.isWellFormed(null)).isFalse();
    }
}
