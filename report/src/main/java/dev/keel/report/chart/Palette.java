package dev.keel.report.chart;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a chart's true-colour image into an 8-bit palette image, which PNG stores in a third of the
 * bytes. A chart has few colours: flat ink, the series colours and the anti-aliased blends between them
 * and white. The colours the chart was drawn with are kept exactly, then the most frequent blends up to
 * the palette's size; a rarer blend pixel takes the nearest palette colour, an error on an edge pixel that
 * no reader sees. Keeping the ink colours first matters: a thin curve has fewer pixels than the blends
 * around the text and would otherwise lose its hue.
 */
final class Palette {
    private Palette() {
    }

    static BufferedImage reduce(BufferedImage rgb, int maxColours, List<java.awt.Color> inks) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int p : pixels) {
            counts.merge(p & 0xFFFFFF, 1, Integer::sum);
        }
        List<Map.Entry<Integer, Integer>> byCount = new ArrayList<>(counts.entrySet());
        java.util.Set<Integer> ink = new java.util.HashSet<>();
        for (java.awt.Color c : inks) {
            ink.add(c.getRGB() & 0xFFFFFF);
        }
        byCount.sort((a, b) -> {
            boolean ia = ink.contains(a.getKey());
            boolean ib = ink.contains(b.getKey());
            if (ia != ib) {
                return ia ? -1 : 1;
            }
            return b.getValue() != a.getValue().intValue() ? Integer.compare(b.getValue(), a.getValue())
                    : Integer.compare(a.getKey(), b.getKey());
        });
        int n = Math.min(maxColours, byCount.size());
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        int[] colours = new int[n];
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int c = byCount.get(i).getKey();
            colours[i] = c;
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
            index.put(c, i);
        }
        int bits = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
        IndexColorModel model = new IndexColorModel(bits, n, r, g, b);
        BufferedImage out = new BufferedImage(w, h, bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED
                : BufferedImage.TYPE_BYTE_BINARY, model);
        var raster = out.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = pixels[y * w + x] & 0xFFFFFF;
                Integer i = index.get(c);
                if (i == null) {
                    i = nearest(colours, c);
                    index.put(c, i);
                }
                raster.setSample(x, y, 0, i);
            }
        }
        return out;
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
}
