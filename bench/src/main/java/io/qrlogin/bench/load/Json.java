package io.qrlogin.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * Reads one string member out of a flat JSON answer. The generator shares the CPU with the system
 * it measures, so it does not build object trees for answers it only needs one field of.
 */
final class Json {

    private Json() {
    }

    /** The value of the first string member {@code name}, or null. Values here never contain escapes. */
    static @Nullable String string(String json, String name) {
        String key = "\"" + name + "\"";
        int from = 0;
        while (true) {
            int at = json.indexOf(key, from);
            if (at < 0) {
                return null;
            }
            int colon = at + key.length();
            while (colon < json.length() && json.charAt(colon) == ' ') {
                colon++;
            }
            if (colon < json.length() && json.charAt(colon) == ':') {
                // A member name, not the same text as a value (as in "type":"state").
                int start = json.indexOf('"', colon + 1);
                int end = (start < 0) ? -1 : json.indexOf('"', start + 1);
                return (end < 0) ? null : json.substring(start + 1, end);
            }
            from = colon;
        }
    }
}
