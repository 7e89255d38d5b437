package io.qrlogin.bench.jmh;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.google.zxing.qrcode.encoder.ByteMatrix;
import io.qrlogin.qrimage.ImageFormat;
import io.qrlogin.qrimage.OneBitPng;
import io.qrlogin.qrimage.QrCodeRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * What a mint spends on its image, single thread, for a 60-character code URL (
 * version 4, 33×33 modules, 8 px per module, quiet zone 4: a 328×328 PNG): the QR encoding alone (the floor),
 * the data URI qr-service returns as PNG and SVG, and the same PNG through ImageIO (before).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QrRenderBenchmark extends OneThreadBenchmark {

    private static final String URL = "https://login.example.com/q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";

    private final QrCodeRenderer renderer = new QrCodeRenderer(8, 4);

    private ByteMatrix modules;

    @Setup
    public void setUp() {
        ImageIO.setUseCache(false);
        this.modules = QrCodeRenderer.encode(URL);
    }

    @Benchmark
    public ByteMatrix encodeOnly() {
        return QrCodeRenderer.encode(URL);
    }

    @Benchmark
    public byte[] pngOfEncoded() {
        return OneBitPng.write(this.modules, 4, 8);
    }

    @Benchmark
    public String mintPngDataUri() {
        return this.renderer.dataUri(URL, ImageFormat.PNG);
    }

    @Benchmark
    public String mintSvgDataUri() {
        return this.renderer.dataUri(URL, ImageFormat.SVG);
    }

    /** The renderer before: a 1-bit BufferedImage written by ImageIO's PNG writer. */
    @Benchmark
    public String mintPngDataUriThroughImageIo() throws IOException {
        ByteMatrix matrix = QrCodeRenderer.encode(URL);
        int side = (matrix.getWidth() + 8) * 8;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        int[] white = new int[side];
        Arrays.fill(white, 1);
        for (int y = 0; y < side; y++) {
            raster.setSamples(0, y, side, 1, 0, white);
        }
        int[] dark = new int[64];
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y) == 1) {
                    raster.setSamples((x + 4) * 8, (y + 4) * 8, 8, 8, 0, dark);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        ImageIO.write(image, "png", out);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
