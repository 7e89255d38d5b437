package io.qrlogin.qrimage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OneBitPngTest {

    private static final String URL = "http://localhost:8080/q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";

    @ParameterizedTest(name = "{0} px per module, quiet zone {1}, {2} characters")
    @CsvSource({ "8, 4, 56", "1, 4, 56", "3, 4, 56", "5, 0, 56", "7, 2, 120", "8, 4, 300", "32, 16, 20" })
    void everyPixelMatchesItsModuleAndZxingReadsTheTextBack(int modulePixels, int quietZone, int length) throws Exception {
        String text = text(length);
        ByteMatrix modules = QrCodeRenderer.encode(text);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(OneBitPng.write(modules, quietZone, modulePixels)));

        int side = (modules.getWidth() + 2 * quietZone) * modulePixels;
        assertThat(image.getWidth()).isEqualTo(side);
        assertThat(image.getHeight()).isEqualTo(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / modulePixels - quietZone;
                int my = y / modulePixels - quietZone;
                boolean dark = mx >= 0 && my >= 0 && mx < modules.getWidth() && my < modules.getHeight()
                        && modules.get(mx, my) == 1;
                assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(dark ? 0 : 0xFFFFFF);
            }
        }
        if (modulePixels >= 2 && quietZone >= 2) {
            assertThat(new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText()).isEqualTo(text);
        }
    }

    @Test
    void chunksAreOneBitGreyscaleWithValidCrcs() {
        byte[] png = OneBitPng.write(QrCodeRenderer.encode(URL), 4, 8);

        ByteBuffer buffer = ByteBuffer.wrap(png);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G', (byte) '\r', (byte) '\n', (byte) 0x1A,
                (byte) '\n');
        buffer.position(8);
        List<String> types = new ArrayList<>();
        while (buffer.hasRemaining()) {
            int length = buffer.getInt();
            byte[] typeAndData = new byte[4 + length];
            buffer.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertThat(buffer.getInt()).as("CRC of %s", type).isEqualTo((int) crc.getValue());
            types.add(type);
            if (type.equals("IHDR")) {
                assertThat(length).isEqualTo(13);
                assertThat(typeAndData[4 + 8]).as("bit depth").isEqualTo((byte) 1);
                assertThat(typeAndData[4 + 9]).as("colour type").isEqualTo((byte) 0);
                assertThat(typeAndData[4 + 12]).as("interlace").isEqualTo((byte) 0);
            }
        }
        assertThat(types).containsExactly("IHDR", "IDAT", "IEND");
    }

    @Test
    void aLargeImageAfterASmallOneOnTheSameThreadIsWhole() throws Exception {
        ByteMatrix small = QrCodeRenderer.encode("x");
        ByteMatrix large = QrCodeRenderer.encode(text(1000));
        OneBitPng.write(small, 0, 1);

        byte[] png = OneBitPng.write(large, 4, 16);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo((large.getWidth() + 8) * 16);
        assertThat(new QRCodeReader()
            .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
            .getText()).isEqualTo(text(1000));
    }

    @Test
    void aPngOfAQrCodeIsSmall() {
        assertThat(OneBitPng.write(QrCodeRenderer.encode(URL), 4, 8)).hasSizeLessThan(1500);
    }

    private static String text(int length) {
        StringBuilder text = new StringBuilder("https://login.example.com/q/");
        for (int i = 0; text.length() < length; i++) {
            text.append((char) ('a' + (i * 7) % 26));
        }
        return text.substring(0, length);
    }
}
