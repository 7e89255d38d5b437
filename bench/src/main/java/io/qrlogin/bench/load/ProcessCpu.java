package io.qrlogin.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the system's processes over the measured window, from {@code /proc/<pid>/stat}
 * (Linux): which process the cores went to. The generator counts itself too.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids;

    private final Map<String, Long> start = new LinkedHashMap<>();

    private long startNanos;

    ProcessCpu(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("load generator", ProcessHandle.current().pid());
    }

    /** {@code name=pid,name=pid}; an empty text watches only the generator. */
    static Map<String, Long> parse(String text) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] pair = entry.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("--processes name=pid,name=pid…, not " + text);
            }
            pids.put(pair[0].trim(), Long.parseLong(pair[1].trim()));
        }
        return pids;
    }

    void begin() {
        this.startNanos = System.nanoTime();
        this.pids.forEach((name, pid) -> this.start.put(name, ticks(pid)));
    }

    /** One line per process: CPU seconds, share of one core, share of every core. */
    String report() {
        double seconds = (System.nanoTime() - this.startNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "CPU over the measured %.0f s (%d cores = %.0f core-seconds):%n", seconds, cores, seconds * cores));
        double total = 0;
        for (Map.Entry<String, Long> entry : this.pids.entrySet()) {
            long before = this.start.getOrDefault(entry.getKey(), -1L);
            long after = ticks(entry.getValue());
            if (before < 0 || after < 0) {
                out.append(String.format(Locale.ROOT, "  %-16s (gone)%n", entry.getKey()));
                continue;
            }
            double used = (after - before) / TICKS;
            total += used;
            out.append(String.format(Locale.ROOT, "  %-16s %7.1f s  %5.1f %% of a core  %5.1f %% of the machine%n",
                    entry.getKey(), used, 100 * used / seconds, 100 * used / (seconds * cores)));
        }
        out.append(String.format(Locale.ROOT, "  %-16s %7.1f s  %5.1f %% of the machine%n", "all of these", total,
                100 * total / (seconds * cores)));
        return out.toString();
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }
}
