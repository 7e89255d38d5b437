package io.qrlogin.gateway.socket;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private final FrameBudget budget = new FrameBudget(3, 100, this.now::get);

    @Test
    void burstThenRefusedUntilTimeRefills() {
        assertThat(this.budget.spend()).isTrue();
        assertThat(this.budget.spend()).isTrue();
        assertThat(this.budget.spend()).isTrue();
        assertThat(this.budget.spend()).isFalse();

        this.now.addAndGet(99);
        assertThat(this.budget.spend()).isFalse();
        this.now.addAndGet(1);
        assertThat(this.budget.spend()).isTrue();
        assertThat(this.budget.spend()).isFalse();
    }

    @Test
    void aLongQuietSpellRefillsNoMoreThanTheBurst() {
        this.now.addAndGet(1_000_000);
        for (int frame = 0; frame < 3; frame++) {
            assertThat(this.budget.spend()).isTrue();
        }
        assertThat(this.budget.spend()).isFalse();
    }
}
