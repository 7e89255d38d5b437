package io.qrlogin.core.ticket;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserCodesTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({ "WDJB-MJHT, WDJB-MJHT", "'wdjb mjht', WDJB-MJHT", "' wd-jb_mj.ht ', WDJB-MJHT", "WDJBMJHT, WDJB-MJHT" })
    void normalizeWhenTypedInAnyCaseWithSpacesOrHyphensThenTheCanonicalCode(String typed, String code) {
        assertThat(UserCodes.normalize(typed)).isEqualTo(code);
    }

    static Stream<String> notEightLettersOrDigits() {
        return Stream.of("WDJB-MJH", "WDJB-MJHTX", "----", "", null, "W".repeat(4) + " ".repeat(100) + "M".repeat(4));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("notEightLettersOrDigits")
    void normalizeWhenNotEightLettersOrDigitsThenNull(String typed) {
        assertThat(UserCodes.normalize(typed)).isNull();
    }
}
