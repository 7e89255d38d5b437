package io.qrlogin.bench.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies per step (HdrHistogram, microsecond resolution, 3 significant digits), flows completed
 * and errors by kind, recorded from many threads at once. {@link #snapshot()} takes what was
 * recorded since the previous snapshot, so a warm-up is dropped by taking one and discarding it.
 */
public final class FlowStats {

    private final Map<Step, Recorder> recorders = new EnumMap<>(Step.class);

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    private final LongAdder flows = new LongAdder();

    private volatile long intervalStart = System.nanoTime();

    public FlowStats() {
        for (Step step : Step.values()) {
            this.recorders.put(step, new Recorder(3));
        }
    }

    public void record(Step step, long nanos) {
        this.recorders.get(step).recordValue(Math.max(0, nanos / 1000));
    }

    public void flowCompleted() {
        this.flows.increment();
    }

    /** One failed flow, by what went wrong (e.g. {@code confirm: 503 unavailable}, {@code timeout: CONFIRMED push}). */
    public void error(String kind) {
        this.errors.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
    }

    /** What was recorded since the last snapshot (or since creation), and a fresh interval from now. */
    public Snapshot snapshot() {
        long now = System.nanoTime();
        Map<Step, Histogram> histograms = new EnumMap<>(Step.class);
        this.recorders.forEach((step, recorder) -> histograms.put(step, recorder.getIntervalHistogram()));
        Map<String, Long> errorCounts = new TreeMap<>();
        this.errors.forEach((kind, count) -> {
            long value = count.sumThenReset();
            if (value > 0) {
                errorCounts.put(kind, value);
            }
        });
        long completed = this.flows.sumThenReset();
        double seconds = (now - this.intervalStart) / 1e9;
        this.intervalStart = now;
        return new Snapshot(histograms, errorCounts, completed, seconds);
    }

    /**
     * One interval's numbers.
     *
     * @param histograms latency per step, microseconds
     * @param errors failed flows by kind
     * @param flows whole flows completed
     * @param seconds the interval's length
     */
    public record Snapshot(Map<Step, Histogram> histograms, Map<String, Long> errors, long flows, double seconds) {

        public double flowsPerSecond() {
            return (this.seconds > 0) ? this.flows / this.seconds : 0;
        }

        public long errorCount() {
            return this.errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The {@code percentile} (0–100) of {@code step}, in milliseconds; 0 when nothing was recorded. */
        public double millis(Step step, double percentile) {
            Histogram histogram = this.histograms.get(step);
            return (histogram.getTotalCount() == 0) ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
