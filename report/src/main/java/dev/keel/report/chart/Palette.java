package dev.keel.report.chart;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a chart's true-colour image into palette indices, which PNG stores in a third of the bytes. A
 * chart has few colours: flat ink, the series colours and the anti-aliased blends between them and white.
 * The colours the chart was drawn with are kept exactly, then the most frequent blends up to the palette's
 * size; a rarer blend pixel takes the nearest palette colour, an error on an edge pixel that no reader
 * sees. Keeping the ink colours first matters: a thin curve has fewer pixels than the blends around the
 * text and would otherwise lose its hue.
 *
 * <p>Pixels are read straight from the image's int array and counted in an open-addressing table of
 * primitive ints: the first version boxed every pixel into a {@code HashMap} and took a third of a
 * report's time (JFR, 16-trial report).
 */
final class Palette {
    /** The reduced image: {@code colours[index[y * width + x]]} is the pixel's RGB. */
    record Indexed(int width, int height, int[] colours, byte[] index) {
    }

    private Palette() {
    }

    static Indexed reduce(BufferedImage rgb, int maxColours, List<Color> inks) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getType() == BufferedImage.TYPE_INT_RGB
                ? ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData()
                : rgb.getRGB(0, 0, w, h, null, 0, w);
        IntCounts counts = new IntCounts();
        int previous = -1;
        int slot = -1;
        for (int p : pixels) {
            int c = p & 0xFFFFFF;
            if (c != previous) {
                slot = counts.slot(c);
                previous = c;
            }
            counts.values[slot]++;
        }
        int[] ink = new int[inks.size()];
        for (int i = 0; i < ink.length; i++) {
            ink[i] = inks.get(i).getRGB() & 0xFFFFFF;
        }
        Arrays.sort(ink);
        int distinct = counts.size;
        long[] order = new long[distinct];
        int k = 0;
        for (int s = 0; s < counts.keys.length; s++) {
            if (counts.used[s]) {
                int c = counts.keys[s];
                boolean isInk = Arrays.binarySearch(ink, c) >= 0;
                // Sort key: inks first, then by count (descending), then by colour (ascending).
                long rank = (isInk ? 0L : 1L) << 62 | (long) (Integer.MAX_VALUE - counts.values[s]) << 24 | c;
                order[k++] = rank;
            }
        }
        Arrays.sort(order);
        int n = Math.min(maxColours, distinct);
        int[] colours = new int[n];
        IntCounts position = new IntCounts();
        for (int i = 0; i < n; i++) {
            colours[i] = (int) (order[i] & 0xFFFFFF);
            position.values[position.slot(colours[i])] = i;
        }
        byte[] index = new byte[w * h];
        previous = -1;
        int current = 0;
        for (int i = 0; i < pixels.length; i++) {
            int c = pixels[i] & 0xFFFFFF;
            if (c != previous) {
                int s = position.slot(c);
                if (position.fresh) {
                    position.values[s] = nearest(colours, c);
                }
                current = position.values[s];
                previous = c;
            }
            index[i] = (byte) current;
        }
        return new Indexed(w, h, colours, index);
    }

    private static int nearest(int[] colours, int c) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < colours.length; i++) {
            int dr = ((colours[i] >> 16) & 0xFF) - ((c >> 16) & 0xFF);
            int dg = ((colours[i] >> 8) & 0xFF) - ((c >> 8) & 0xFF);
            int db = (colours[i] & 0xFF) - (c & 0xFF);
            long d = 3L * dr * dr + 4L * dg * dg + 2L * db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** An int → int table with linear probing; {@link #slot} finds or adds a key. */
    private static final class IntCounts {
        int[] keys = new int[1024];
        int[] values = new int[1024];
        boolean[] used = new boolean[1024];
        int size;
        /** Whether the last {@link #slot} call added its key. */
        boolean fresh;

        int slot(int key) {
            int mask = keys.length - 1;
            int s = (key * 0x9E3779B9 >>> 16) & mask;
            while (used[s]) {
                if (keys[s] == key) {
                    fresh = false;
                    return s;
                }
                s = (s + 1) & mask;
            }
            if (size * 2 >= keys.length) {
                grow();
                return slot(key);
            }
            used[s] = true;
            keys[s] = key;
            size++;
            fresh = true;
            return s;
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new int[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    values[slot(oldKeys[i])] = oldValues[i];
                }
            }
        }
    }
}
