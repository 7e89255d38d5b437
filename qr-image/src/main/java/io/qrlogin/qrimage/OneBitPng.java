package io.qrlogin.qrimage;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.google.zxing.qrcode.encoder.ByteMatrix;

/**
 * Writes a QR code as a black-and-white PNG: greyscale at 1 bit per pixel (colour type 0, bit
 * depth 1), every scanline unfiltered, one zlib-compressed IDAT chunk
 * (<a href="https://www.w3.org/TR/png-3/">PNG, third edition</a>).
 *
 * A general image writer spends most of its time on what a QR code does not need (colour models,
 * per-row filter selection, stream plumbing): here the raw image is a few kilobytes of bytes with
 * long repeats, which one {@link Deflater} call at its fastest level compresses to well under a
 * kilobyte. Each thread keeps its own deflater and buffers, so a render allocates only its result.
 *
 * <p>{@link QrCodeRenderer} is the way in; this class is public so the benchmarks can time the PNG
 * step apart from the QR encoding.
 */
public final class OneBitPng {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

    private static final byte[] IHDR = { 'I', 'H', 'D', 'R' };

    private static final byte[] IDAT = { 'I', 'D', 'A', 'T' };

    private static final byte[] IEND = { 'I', 'E', 'N', 'D' };

    /** The IEND chunk never changes: length 0, type, CRC of the type. */
    private static final byte[] END_CHUNK = endChunk();

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private OneBitPng() {
    }

    /**
     * The PNG of {@code modules} (1 = dark) with a white border of {@code quietZone} modules, each
     * module {@code modulePixels} pixels square.
     */
    public static byte[] write(ByteMatrix modules, int quietZone, int modulePixels) {
        int width = modules.getWidth();
        int side = (width + 2 * quietZone) * modulePixels;
        int rowBytes = (side + 7) >>> 3;
        int stride = rowBytes + 1;
        Buffers buffers = BUFFERS.get();
        byte[] raw = buffers.raw(stride * side);

        // Greyscale 1 bit: 0 is black, 1 is white. Start every row white, then clear dark modules.
        byte[] white = buffers.row(stride);
        Arrays.fill(white, 1, stride, (byte) 0xFF);
        int tail = side & 7;
        if (tail != 0) {
            // Padding bits past the last pixel stay 0, as the format asks.
            white[rowBytes] = (byte) (0xFF << (8 - tail));
        }
        white[0] = 0;
        int offset = 0;
        for (int y = 0; y < quietZone * modulePixels; y++, offset += stride) {
            System.arraycopy(white, 0, raw, offset, stride);
        }
        for (int my = 0; my < modules.getHeight(); my++) {
            int rowStart = offset;
            System.arraycopy(white, 0, raw, rowStart, stride);
            for (int mx = 0; mx < width; mx++) {
                if (modules.get(mx, my) == 1) {
                    clearRun(raw, rowStart + 1, (mx + quietZone) * modulePixels, modulePixels);
                }
            }
            offset += stride;
            for (int repeat = 1; repeat < modulePixels; repeat++, offset += stride) {
                System.arraycopy(raw, rowStart, raw, offset, stride);
            }
        }
        for (int y = 0; y < quietZone * modulePixels; y++, offset += stride) {
            System.arraycopy(white, 0, raw, offset, stride);
        }

        Deflater deflater = buffers.deflater;
        deflater.reset();
        deflater.setInput(raw, 0, offset);
        deflater.finish();
        byte[] compressed = buffers.compressed(offset);
        int compressedLength = 0;
        while (!deflater.finished()) {
            if (compressedLength == compressed.length) {
                compressed = buffers.growCompressed();
            }
            compressedLength += deflater.deflate(compressed, compressedLength, compressed.length - compressedLength);
        }

        byte[] png = new byte[SIGNATURE.length + (12 + 13) + (12 + compressedLength) + END_CHUNK.length];
        System.arraycopy(SIGNATURE, 0, png, 0, SIGNATURE.length);
        int at = SIGNATURE.length;
        byte[] header = buffers.header;
        putInt(header, 0, side);
        putInt(header, 4, side);
        header[8] = 1; // bit depth
        header[9] = 0; // colour type: greyscale
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive (every row uses filter type 0, None)
        header[12] = 0; // no interlace
        at = chunk(png, at, IHDR, header, 13, buffers.crc);
        at = chunk(png, at, IDAT, compressed, compressedLength, buffers.crc);
        System.arraycopy(END_CHUNK, 0, png, at, END_CHUNK.length);
        return png;
    }

    /** Clears {@code length} pixel bits from pixel {@code x} of the row whose pixels start at {@code start}. */
    private static void clearRun(byte[] raw, int start, int x, int length) {
        int end = x + length;
        while (x < end) {
            int index = start + (x >>> 3);
            int bit = x & 7;
            if (bit == 0 && end - x >= 8) {
                raw[index] = 0;
                x += 8;
            }
            else {
                raw[index] &= (byte) ~(0x80 >>> bit);
                x++;
            }
        }
    }

    private static int chunk(byte[] png, int at, byte[] type, byte[] data, int length, CRC32 crc) {
        putInt(png, at, length);
        System.arraycopy(type, 0, png, at + 4, 4);
        System.arraycopy(data, 0, png, at + 8, length);
        crc.reset();
        crc.update(png, at + 4, 4 + length);
        putInt(png, at + 8 + length, (int) crc.getValue());
        return at + 12 + length;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static byte[] endChunk() {
        byte[] chunk = new byte[12];
        System.arraycopy(IEND, 0, chunk, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(IEND);
        putInt(chunk, 8, (int) crc.getValue());
        return chunk;
    }

    /** One thread's deflater and scratch buffers, grown to the largest image seen. */
    private static final class Buffers {

        final Deflater deflater = new Deflater(Deflater.BEST_SPEED);

        final CRC32 crc = new CRC32();

        final byte[] header = new byte[13];

        private byte[] raw = new byte[0];

        private byte[] row = new byte[0];

        private byte[] compressed = new byte[0];

        byte[] raw(int length) {
            if (this.raw.length < length) {
                this.raw = new byte[length];
            }
            return this.raw;
        }

        byte[] row(int length) {
            if (this.row.length < length) {
                this.row = new byte[length];
            }
            return this.row;
        }

        /** Room for the compressed image; deflate rarely needs more than the raw size plus a little. */
        byte[] compressed(int rawLength) {
            int wanted = rawLength / 4 + 64;
            if (this.compressed.length < wanted) {
                this.compressed = new byte[wanted];
            }
            return this.compressed;
        }

        byte[] growCompressed() {
            this.compressed = Arrays.copyOf(this.compressed, this.compressed.length * 2);
            return this.compressed;
        }
    }
}
