package io.qrlogin.gateway.page;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway serves the npm package's widget itself, not a copy that could drift from it. */
class WidgetSourceTest {

    @Test
    void servedWidgetIsTheNpmPackageSourceByteForByte() throws IOException {
        byte[] packageSource = Files.readAllBytes(Path.of("..", "widget", "src", "qrlogin.js"));
        try (InputStream served = new ClassPathResource("widget/qrlogin.js").getInputStream()) {
            assertThat(served.readAllBytes()).isEqualTo(packageSource);
        }
        assertThat(Path.of("src", "main", "resources", "widget", "qrlogin.js")).doesNotExist();
    }
}
