package io.qrlogin.qrimage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;

/**
 * Draws a URL as a QR code (error correction M: 15% of the code may be damaged or glared and it
 * still scans) and returns it as a {@code data:} URI the browser shows directly.
 */
public final class QrCodeRenderer {

    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.CHARACTER_SET, "UTF-8");

    private final int modulePixels;

    private final int quietZone;

    public QrCodeRenderer(int modulePixels, int quietZone) {
        this.modulePixels = modulePixels;
        this.quietZone = quietZone;
    }

    /** The QR code of {@code text} as a data URI in {@code format}. */
    public String dataUri(String text, ImageFormat format) {
        ByteMatrix modules = encode(text);
        byte[] bytes = (format == ImageFormat.PNG) ? png(modules) : svg(modules);
        return "data:" + format.mediaType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** The QR modules of {@code text}, without the quiet zone (the benchmarks time this step alone). */
    public static ByteMatrix encode(String text) {
        try {
            QRCode code = Encoder.encode(text, ErrorCorrectionLevel.M, HINTS);
            return code.getMatrix();
        }
        catch (WriterException ex) {
            throw new IllegalArgumentException("Cannot encode a QR code of " + text.length() + " characters", ex);
        }
    }

    private byte[] png(ByteMatrix modules) {
        return OneBitPng.write(modules, this.quietZone, this.modulePixels);
    }

    /** One path of horizontal runs: compact, and crisp at any size. */
    private byte[] svg(ByteMatrix modules) {
        int side = modules.getWidth() + 2 * this.quietZone;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(side).append(' ').append(side)
            .append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(side).append("\" height=\"").append(side)
            .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < modules.getHeight(); y++) {
            int x = 0;
            while (x < modules.getWidth()) {
                if (modules.get(x, y) != 1) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules.getWidth() && modules.get(x, y) == 1) {
                    x++;
                }
                svg.append('M').append(start + this.quietZone).append(' ').append(y + this.quietZone)
                    .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        svg.append("\"/></svg>");
        return svg.toString().getBytes(StandardCharsets.UTF_8);
    }
}
