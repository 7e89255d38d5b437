package io.qrlogin.bench.load;

import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The numbers of a run as a plain-text table, the same shape every time so runs compare line by line. */
public final class Report {

    private Report() {
    }

    public static String render(String title, FlowStats.Snapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        out.append(String.format(Locale.ROOT, "whole flows: %d in %.1f s = %.1f flows/s, errors: %d%n", snapshot.flows(),
                snapshot.seconds(), snapshot.flowsPerSecond(), snapshot.errorCount()));
        out.append(String.format(Locale.ROOT, "%-26s %9s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p99",
                "p99.9", "max"));
        for (Step step : Step.values()) {
            Histogram histogram = snapshot.histograms().get(step);
            if (step.oidcOnly() && histogram.getTotalCount() == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-26s %9d %9.2f %9.2f %9.2f %9.2f%n", step.label(),
                    histogram.getTotalCount(), snapshot.millis(step, 50), snapshot.millis(step, 99),
                    snapshot.millis(step, 99.9), histogram.getMaxValue() / 1000.0));
        }
        if (!snapshot.errors().isEmpty()) {
            out.append("errors by kind:\n");
            for (Map.Entry<String, Long> error : snapshot.errors().entrySet()) {
                out.append(String.format(Locale.ROOT, "  %8d  %s%n", error.getValue(), error.getKey()));
            }
        }
        return out.toString();
    }
}
