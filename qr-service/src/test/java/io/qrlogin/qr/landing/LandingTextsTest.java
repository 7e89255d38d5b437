package io.qrlogin.qr.landing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LandingTextsTest {

    @Test
    void everyLanguageTranslatesEveryEnglishTextWithTheSamePlaceholders() throws IOException {
        Properties english = bundle("messages.properties");
        assertThat(english).isNotEmpty();
        for (Locale language : LandingTexts.LANGUAGES.subList(1, LandingTexts.LANGUAGES.size())) {
            Properties translated = bundle("messages_" + language + ".properties");
            assertThat(translated.keySet()).as(language.toString()).isEqualTo(english.keySet());
            english.forEach((key, text) -> {
                String translation = translated.getProperty((String) key);
                assertThat(translation).as("%s %s", language, key).isNotBlank().isNotEqualTo(text);
                if (String.valueOf(text).contains("{app}")) {
                    assertThat(translation).as("%s %s", language, key).contains("{app}");
                }
            });
        }
    }

    @Test
    void languageFollowsThePrimarySubtagOfTheFirstWantedRange() {
        assertThat(LandingTexts.language("zh-Hans-CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(LandingTexts.language("zh-TW;q=0.9, en;q=0.1")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(LandingTexts.language("en-GB, zh")).isEqualTo(Locale.ENGLISH);
        assertThat(LandingTexts.language("*")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void textsAreEscapedHtmlWithTheEscapedAppName() {
        LandingTexts texts = LandingTexts.forRequest("zh-CN", LandingTexts.load(), "A&B <App>");
        assertThat(texts.languageTag()).isEqualTo("zh-CN");
        assertThat(texts.html("heading")).isEqualTo("用 A&amp;B &lt;App&gt; 应用登录");
    }

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LandingTextsTest.class.getResourceAsStream("/io/qrlogin/qr/landing/" + file)) {
            assertThat(in).as(file).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
