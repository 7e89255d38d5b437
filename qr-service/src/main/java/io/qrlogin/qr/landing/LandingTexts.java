package io.qrlogin.qr.landing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.springframework.web.util.HtmlUtils;

/**
 * The landing page's text in the phone's language: English (the default) or Simplified Chinese,
 * from {@code messages*.properties} next to this class, chosen by the {@code Accept-Language} header.
 */
final class LandingTexts {

    /** The languages with a complete bundle, English (the fallback) first. */
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private static final String BUNDLE = "io.qrlogin.qr.landing.messages";

    private final Locale language;

    private final ResourceBundle bundle;

    private final String escapedAppName;

    private LandingTexts(Locale language, ResourceBundle bundle, String appName) {
        this.language = language;
        this.bundle = bundle;
        this.escapedAppName = HtmlUtils.htmlEscape(appName);
    }

    /**
     * Every language's bundle, read from the jar once at start: a request never reads a file on an
     * event-loop thread.
     */
    static Map<Locale, ResourceBundle> load() {
        Map<Locale, ResourceBundle> bundles = new LinkedHashMap<>();
        // No fallback to the JVM's default locale: a key missing in a language shows the English one.
        LANGUAGES.forEach((language) -> bundles.put(language, ResourceBundle.getBundle(BUNDLE, language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))));
        return Map.copyOf(bundles);
    }

    /** The texts for the first language of {@code acceptLanguage} (by its primary subtag) that has a bundle. */
    static LandingTexts forRequest(String acceptLanguage, Map<Locale, ResourceBundle> bundles, String appName) {
        Locale language = language(acceptLanguage);
        return new LandingTexts(language, bundles.get(language), appName);
    }

    static Locale language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        }
        catch (IllegalArgumentException ex) {
            // A malformed header is the client's problem, not a reason to refuse the page.
            return Locale.ENGLISH;
        }
        for (Locale.LanguageRange range : ranges) {
            String primary = range.getRange().split("-", 2)[0];
            for (Locale language : LANGUAGES) {
                if (range.getWeight() > 0 && language.getLanguage().equals(primary)) {
                    return language;
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** The page's {@code lang} attribute. */
    String languageTag() {
        return this.language.toLanguageTag();
    }

    /** The text of {@code key} as HTML: escaped, with the (escaped) app name filled in. */
    String html(String key) {
        return HtmlUtils.htmlEscape(this.bundle.getString(key)).replace("{app}", this.escapedAppName);
    }
}
