package io.qrlogin.bench.load;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them on a command line: {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("Not a duration: " + text + " (use 500ms, 60s, 2m)");
            };
        }
        catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("Not a duration: " + text + " (use 500ms, 60s, 2m)", ex);
        }
    }
}
