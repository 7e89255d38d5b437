package io.qrlogin.support.useragent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * Names the browser and operating system in a {@code User-Agent} for the confirm screen and the list of signed-in browsers ("Firefox 133",
 * "Windows 10"), with the uap-core rules that browsers' analytics use. Parsing is pure CPU (the
 * header is at most 512 characters) but runs hundreds of patterns; the rules are compiled once, at
 * start-up, and answers are remembered: a company's users run a handful of browser builds.
 *
 * @see <a href="https://github.com/ua-parser/uap-core">uap-core</a>
 */
public final class UserAgents {

    private static final String UNKNOWN = "Other";

    /** The longest User-Agent the confirm screen gets; longer ones are cut, marked with "...". */
    public static final int MAX_SHOWN_LENGTH = 200;

    /** Distinct User-Agents remembered; past this, new ones are parsed every time (memory stays bounded). */
    public static final int MAX_REMEMBERED = 10_000;

    private final Parser parser = new Parser();

    private final Map<String, Described> remembered = new ConcurrentHashMap<>();

    private final int maxRemembered;

    public UserAgents() {
        this(MAX_REMEMBERED);
    }

    public UserAgents(int maxRemembered) {
        this.maxRemembered = maxRemembered;
    }

    /** The browser and OS {@code userAgent} names; each {@code null} when it names none the rules know. */
    public Described describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Described(null, null);
        }
        Described known = this.remembered.get(userAgent);
        if (known != null) {
            return known;
        }
        Described described = parse(userAgent);
        if (this.remembered.size() < this.maxRemembered) {
            this.remembered.put(userAgent, described);
        }
        return described;
    }

    /**
     * {@code userAgent} as the confirm screen may show it: any character outside printable ASCII (controls,
     * bidirectional overrides, look-alike letters; RFC 9110 allows none of them in the header anyway) becomes
     * {@code ?}, runs of spaces one space, and the result is at most {@link #MAX_SHOWN_LENGTH} characters. Markup
     * characters stay: the app shows the string as text, never as markup.
     */
    public static @Nullable String sanitize(@Nullable String userAgent) {
        if (userAgent == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(Math.min(userAgent.length(), MAX_SHOWN_LENGTH));
        userAgent.codePoints().forEach((c) -> {
            char printable = (c >= 0x20 && c <= 0x7e) ? (char) c : '?';
            if (printable == ' ' && (shown.isEmpty() || shown.charAt(shown.length() - 1) == ' ')) {
                return;
            }
            shown.append(printable);
        });
        String text = shown.toString().strip();
        if (text.length() > MAX_SHOWN_LENGTH) {
            text = text.substring(0, MAX_SHOWN_LENGTH - 3) + "...";
        }
        return text.isEmpty() ? null : text;
    }

    private Described parse(String userAgent) {
        UserAgent browser = this.parser.parseUserAgent(userAgent);
        OS os = this.parser.parseOS(userAgent);
        return new Described(name(browser.family, browser.major, null), name(os.family, os.major, os.minor));
    }

    private static @Nullable String name(@Nullable String family, @Nullable String major, @Nullable String minor) {
        if (family == null || family.isBlank() || UNKNOWN.equals(family)) {
            return null;
        }
        if (major == null || major.isBlank()) {
            return family;
        }
        return family + " " + major + ((minor != null && !minor.isBlank()) ? "." + minor : "");
    }

    /**
     * What a {@code User-Agent} says.
     *
     * @param browser the browser and its major version, e.g. "Chrome 140"
     * @param os the operating system and its version, e.g. "Mac OS X 14.5"
     */
    public record Described(@Nullable String browser, @Nullable String os) {
    }
}
