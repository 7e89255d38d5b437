package io.qrlogin.support.useragent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentsTest {

    private static final UserAgents userAgents = new UserAgents();

    @ParameterizedTest(name = "{1} on {2}")
    @CsvSource(delimiter = '|', value = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 | Chrome 140 | Windows 10",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86 | Edge 131 | Windows 10",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox 133 | Ubuntu",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 | Safari 17 | Mac OS X 10.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Mobile Safari 17 | iOS 17.5",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome Mobile 131 | Android 14",
    })
    void describeNamesTheBrowserAndTheOperatingSystem(String userAgent, String browser, String os) {
        assertThat(userAgents.describe(userAgent)).isEqualTo(new UserAgents.Described(browser, os));
    }

    @Test
    void describePastTheRememberedLimitThenStillTheSameAnswers() {
        UserAgents small = new UserAgents(1);
        String firefox = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        String edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86";
        for (int i = 0; i < 2; i++) {
            assertThat(small.describe(firefox)).isEqualTo(new UserAgents.Described("Firefox 133", "Ubuntu"));
            assertThat(small.describe(edge)).isEqualTo(new UserAgents.Described("Edge 131", "Windows 10"));
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "curl/8.5.0x", "not a browser at all", "\u0000\uffff" })
    void describeWhenTheHeaderNamesNothingKnownThenNothingButNeverFails(String userAgent) {
        UserAgents.Described described = userAgents.describe(userAgent);
        assertThat(described.os()).isNull();
    }
}
