package io.qrlogin.qrimage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodeRendererTest {

    private static final String URL = "https://login.example.com/q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";

    private final QrCodeRenderer renderer = new QrCodeRenderer(8, 4);

    @Test
    void pngDecodesBackToTheUrlWithErrorCorrectionM() throws Exception {
        String uri = this.renderer.dataUri(URL, ImageFormat.PNG);
        assertThat(uri).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(decode(uri, "data:image/png;base64,")));

        Result result = read(image);
        assertThat(result.getText()).isEqualTo(URL);
        assertThat(result.getResultMetadata().get(com.google.zxing.ResultMetadataType.ERROR_CORRECTION_LEVEL))
            .isEqualTo(ErrorCorrectionLevel.M.name());
    }

    @Test
    void pngHasTheQuietZoneAndModuleSize() throws Exception {
        String uri = this.renderer.dataUri(URL, ImageFormat.PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(decode(uri, "data:image/png;base64,")));
        int modules = QrCodeRenderer.encode(URL).getWidth();
        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isEqualTo((modules + 8) * 8);
        for (int i = 0; i < 4 * 8; i++) {
            assertThat(image.getRGB(i, i) & 0xFFFFFF).as("quiet zone is white").isEqualTo(0xFFFFFF);
        }
        // The top-left finder pattern starts dark right after the quiet zone.
        assertThat(image.getRGB(4 * 8, 4 * 8) & 0xFFFFFF).isZero();
    }

    @Test
    void svgDrawsTheSameModulesAndDecodesBackToTheUrl() throws Exception {
        String uri = this.renderer.dataUri(URL, ImageFormat.SVG);
        assertThat(uri).startsWith("data:image/svg+xml;base64,");
        String svg = new String(decode(uri, "data:image/svg+xml;base64,"), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");

        assertThat(read(rasterize(svg, 6)).getText()).isEqualTo(URL);
    }

    /** Draws the path's runs ({@code Mx yhNv1h-Nz}) the way a browser would. */
    private static BufferedImage rasterize(String svg, int scale) {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int side = Integer.parseInt(box.group(1));
        BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(svg);
        int runs = 0;
        while (run.find()) {
            runs++;
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int width = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
                for (int x = x0 * scale; x < (x0 + width) * scale; x++) {
                    image.setRGB(x, y, 0);
                }
            }
        }
        assertThat(runs).isGreaterThan(50);
        return image;
    }

    private static Result read(BufferedImage image) throws Exception {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
    }

    private static byte[] decode(String uri, String prefix) {
        return Base64.getDecoder().decode(uri.substring(prefix.length()));
    }
}
