package io.qrlogin.bench.load;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlowStatsTest {

    private final FlowStats stats = new FlowStats();

    @Test
    void percentilesComeFromTheRecordedLatencies() {
        for (int i = 1; i <= 1000; i++) {
            this.stats.record(Step.CONFIRM_PUSH, i * 1_000_000L);
        }

        FlowStats.Snapshot snapshot = this.stats.snapshot();

        assertThat(snapshot.millis(Step.CONFIRM_PUSH, 50)).isCloseTo(500, within(1.0));
        assertThat(snapshot.millis(Step.CONFIRM_PUSH, 99)).isCloseTo(990, within(1.0));
        assertThat(snapshot.millis(Step.CONFIRM_PUSH, 99.9)).isCloseTo(999, within(1.0));
        assertThat(snapshot.histograms().get(Step.CONFIRM_PUSH).getTotalCount()).isEqualTo(1000);
        assertThat(snapshot.millis(Step.MINT, 99)).isZero();
    }

    @Test
    void aSnapshotStartsTheNextIntervalSoTheWarmUpIsDropped() {
        this.stats.record(Step.MINT, 50_000_000L);
        this.stats.flowCompleted();
        this.stats.error("mint: 503 unavailable");
        this.stats.snapshot();

        this.stats.record(Step.MINT, 2_000_000L);
        this.stats.flowCompleted();
        this.stats.flowCompleted();
        FlowStats.Snapshot measured = this.stats.snapshot();

        assertThat(measured.flows()).isEqualTo(2);
        assertThat(measured.errors()).isEmpty();
        assertThat(measured.histograms().get(Step.MINT).getTotalCount()).isEqualTo(1);
        assertThat(measured.millis(Step.MINT, 100)).isCloseTo(2, within(0.01));
    }

    @Test
    void errorsAreCountedByKind() {
        this.stats.error("timeout: CONFIRMED push");
        this.stats.error("timeout: CONFIRMED push");
        this.stats.error("scan: 409 qr_already_scanned");

        FlowStats.Snapshot snapshot = this.stats.snapshot();

        assertThat(snapshot.errors()).containsEntry("timeout: CONFIRMED push", 2L)
            .containsEntry("scan: 409 qr_already_scanned", 1L);
        assertThat(snapshot.errorCount()).isEqualTo(3);
    }

    @Test
    void reportListsEveryStepOfABrowserFlowAndTheErrors() {
        this.stats.record(Step.CONFIRM_PUSH, 3_000_000L);
        this.stats.flowCompleted();
        this.stats.error("redeem: 410 qr_expired");

        String report = Report.render("== run ==", this.stats.snapshot());

        assertThat(report).startsWith("== run ==\nwhole flows: 1 in ")
            .contains("confirm → CONFIRMED push")
            .contains("whole flow")
            .contains("1  redeem: 410 qr_expired");
        List<Step> browserSteps = Arrays.stream(Step.values()).filter((step) -> !step.oidcOnly()).toList();
        for (Step step : Step.values()) {
            if (step.oidcOnly()) {
                assertThat(report.lines()).as(step.label()).noneMatch((line) -> line.startsWith(step.label() + " "));
            }
            else {
                assertThat(report.lines()).as(step.label()).anyMatch((line) -> line.startsWith(step.label() + " "));
            }
        }
        assertThat(report.lines().filter((line) -> line.matches("^[a-z].*\\s\\d+\\.\\d\\d$")))
            .hasSize(browserSteps.size());
    }

    @Test
    void reportOfOidcFlowsListsTheProviderStepsToo() {
        this.stats.record(Step.AUTHORIZE, 2_000_000L);
        this.stats.record(Step.HANDOFF, 4_000_000L);
        this.stats.record(Step.TOKEN, 5_000_000L);
        this.stats.flowCompleted();

        String report = Report.render("== oidc ==", this.stats.snapshot());

        for (Step step : Step.values()) {
            assertThat(report.lines()).as(step.label()).anyMatch((line) -> line.startsWith(step.label() + " "));
        }
    }
}
