package io.qrlogin.scan.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

import org.springframework.stereotype.Component;

/**
 * Names the browser and operating system in a {@code User-Agent} for the confirm screen ("Firefox 133",
 * "Windows 10"), with the uap-core rules that browsers' analytics use. Parsing is pure CPU (the
 * header is at most 512 characters) but runs hundreds of patterns; the rules are compiled once, at
 * start-up, and answers are remembered: a company's users run a handful of browser builds.
 *
 * @see <a href="https://github.com/ua-parser/uap-core">uap-core</a>
 */
@Component
final class UserAgents {

    private static final String UNKNOWN = "Other";

    /** Distinct User-Agents remembered; past this, new ones are parsed every time (memory stays bounded). */
    static final int MAX_REMEMBERED = 10_000;

    private final Parser parser = new Parser();

    private final Map<String, Described> remembered = new ConcurrentHashMap<>();

    private final int maxRemembered;

    UserAgents() {
        this(MAX_REMEMBERED);
    }

    UserAgents(int maxRemembered) {
        this.maxRemembered = maxRemembered;
    }

    /** The browser and OS {@code userAgent} names; each {@code null} when it names none the rules know. */
    Described describe(@Nullable String userAgent) {
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
    record Described(@Nullable String browser, @Nullable String os) {
    }
}
