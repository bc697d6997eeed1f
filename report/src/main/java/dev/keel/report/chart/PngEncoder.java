package dev.keel.report.chart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a palette image as PNG (ISO/IEC 15948): IHDR, PLTE, one IDAT, IEND; 1, 2, 4 or 8 bits per pixel,
 * as few as the palette needs; every row with filter type 0, which the PNG specification recommends for
 * palette images. ImageIO's writer took a fifth of a report's time choosing row filters and going through
 * its stream layers; this is the whole format a chart needs.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int COLOUR_TYPE_PALETTE = 3;
    /**
     * zlib's level. On the charts of bench/optuna-grid.yaml's report (31 charts, warm, CPU time of one thread):
     * level 9 gave 316 KB in 601 ms, 6 (zlib's default) 343 KB in 255 ms, 4 392 KB in 249 ms, 1 481 KB in
     * 237 ms. ImageIO's writer at its strongest setting gave 334 KB, in 1,360 ms with the old palette step.
     */
    static final int DEFLATE_LEVEL = 6;

    private PngEncoder() {
    }

    static byte[] encode(Palette.Indexed image) {
        int n = image.colours().length;
        int bits = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
        int w = image.width();
        int h = image.height();
        int perByte = 8 / bits;
        int rowBytes = (w + perByte - 1) / perByte;
        byte[] raw = new byte[h * (rowBytes + 1)];
        byte[] index = image.index();
        for (int y = 0; y < h; y++) {
            int at = y * (rowBytes + 1) + 1;   // raw[at - 1] = 0: filter type None
            int from = y * w;
            if (bits == 8) {
                System.arraycopy(index, from, raw, at, w);
                continue;
            }
            for (int x = 0; x < w; x++) {
                int shift = 8 - bits * (x % perByte + 1);
                raw[at + x / perByte] |= (byte) (index[from + x] << shift);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 1024);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, w);
        putInt(header, 4, h);
        header[8] = (byte) bits;
        header[9] = COLOUR_TYPE_PALETTE;
        chunk(out, "IHDR", header, header.length);
        byte[] palette = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            palette[3 * i] = (byte) (image.colours()[i] >> 16);
            palette[3 * i + 1] = (byte) (image.colours()[i] >> 8);
            palette[3 * i + 2] = (byte) image.colours()[i];
        }
        chunk(out, "PLTE", palette, palette.length);
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] compressed = new byte[raw.length / 2 + 64];
            int length = 0;
            while (!deflater.finished()) {
                if (length == compressed.length) {
                    compressed = java.util.Arrays.copyOf(compressed, compressed.length * 2);
                }
                length += deflater.deflate(compressed, length, compressed.length - length);
            }
            chunk(out, "IDAT", compressed, length);
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] word = new byte[4];
        putInt(word, 0, length);
        out.writeBytes(word);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        putInt(word, 0, (int) crc.getValue());
        out.writeBytes(word);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
