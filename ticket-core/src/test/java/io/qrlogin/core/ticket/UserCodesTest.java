package io.qrlogin.core.ticket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserCodesTest {

    @Test
    void normalizeWhenTypedInAnyCaseWithSpacesOrHyphensThenTheCanonicalCode() {
        assertThat(UserCodes.normalize("WDJB-MJHT")).isEqualTo("WDJB-MJHT");
        assertThat(UserCodes.normalize("wdjb mjht")).isEqualTo("WDJB-MJHT");
        assertThat(UserCodes.normalize(" wd-jb_mj.ht ")).isEqualTo("WDJB-MJHT");
        assertThat(UserCodes.normalize("WDJBMJHT")).isEqualTo("WDJB-MJHT");
    }

    @Test
    void normalizeWhenNotEightLettersOrDigitsThenNull() {
        assertThat(UserCodes.normalize("WDJB-MJH")).isNull();
        assertThat(UserCodes.normalize("WDJB-MJHTX")).isNull();
        assertThat(UserCodes.normalize("----")).isNull();
        assertThat(UserCodes.normalize("")).isNull();
        assertThat(UserCodes.normalize(null)).isNull();
        assertThat(UserCodes.normalize("W".repeat(4) + " ".repeat(100) + "M".repeat(4))).isNull();
    }
}
