package io.qrlogin.bench.load;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTest {

    @Test
    void flowsWithDefaults() {
        BenchOptions options = BenchOptions.parse("flows");

        assertThat(options.url()).hasToString("http://localhost:8080");
        assertThat(options.concurrency()).isEqualTo(64);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.rate()).isZero();
        assertThat(options.image()).isEqualTo("png");
    }

    @Test
    void optionsWithSpaceOrEqualsAndDurationsInAnyUnit() {
        BenchOptions options = BenchOptions.parse("waiting", "--browsers", "15000", "--duration=2m", "--warmup", "500ms",
                "--source-addresses", "40", "--rate", "400");

        assertThat(options.browsers()).isEqualTo(15000);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.sourceAddresses()).isEqualTo(40);
        assertThat(options.rate()).isEqualTo(400);
    }

    @Test
    void oidcIsAModeOfItsOwn() {
        assertThat(BenchOptions.parse("oidc", "--concurrency", "16").mode()).isEqualTo("oidc");
        assertThat(BenchOptions.USAGE).contains("flows|oidc|waiting|kafka-floor");
    }

    @Test
    void unknownModeOrOptionThenUsage() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("fly")).withMessageContaining("usage:");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("flows", "--speed", "9"))
            .withMessageContaining("[speed]");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("flows", "--duration", "9x"))
            .withMessageContaining("Not a duration");
        assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("waiting", "--source-addresses", "251"));
    }
}
