package io.qrlogin.qr.mint;

import java.time.Duration;
import java.util.Properties;

import io.qrlogin.qr.QrProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MintGuardTest {

    private final MintGuard guard = new MintGuard(null,
            new QrProperties.MintGuard(true, 0.8, Duration.ofSeconds(1), Duration.ofSeconds(5)));

    @ParameterizedTest(name = "used {0} of {1}: over the limit {2}")
    @CsvSource({ "0, 1000, false", "799, 1000, false", "800, 1000, true", "1000, 1000, true", "5000, 1000, true",
            "999999, 0, false" })
    void mintsAreRefusedFromTheConfiguredShareOfMaxmemoryAndNeverWithoutOne(long used, long max, boolean over) {
        Properties info = new Properties();
        info.setProperty("used_memory", Long.toString(used));
        info.setProperty("maxmemory", Long.toString(max));
        assertThat(this.guard.overLimit(info)).isEqualTo(over);
    }

    @ParameterizedTest(name = "nodes {0}: over the limit {1}")
    @CsvSource({ "'100/1000,200/1000', false", "'100/1000,900/1000', true", "'900/0,100/1000', false" })
    void behindAClusterTheFullestNodeDecides(String nodes, boolean over) {
        Properties info = new Properties();
        int port = 7000;
        for (String node : nodes.split(",")) {
            String[] usedAndMax = node.split("/");
            info.setProperty("127.0.0.1:" + port + ".used_memory", usedAndMax[0]);
            info.setProperty("127.0.0.1:" + port + ".maxmemory", usedAndMax[1]);
            port++;
        }
        assertThat(this.guard.overLimit(info)).isEqualTo(over);
    }

    @ParameterizedTest
    @CsvSource({ "'', ''", "not-a-number, 1000", "800, not-a-number" })
    void unreadableNumbersNeverRefuse(String used, String max) {
        Properties info = new Properties();
        info.setProperty("used_memory", used);
        info.setProperty("maxmemory", max);
        assertThat(this.guard.overLimit(info)).isFalse();
    }

    @Test
    void aGuardThatHasNotSampledYetAdmits() {
        assertThat(this.guard.admits()).isTrue();
        assertThat(this.guard.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }
}
