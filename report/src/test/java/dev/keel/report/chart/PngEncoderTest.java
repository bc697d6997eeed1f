package dev.keel.report.chart;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The palette step and the PNG writer give back, through ImageIO's reader, the pixels they were given. */
class PngEncoderTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 16, 17, 32, 200})
    void aPaletteImageDecodesToItsOwnColoursAtEveryBitDepth(int colours) throws Exception {
        // Odd width: rows of 1, 2 and 4-bit pixels end inside a byte.
        int w = 37;
        int h = 11;
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(colours);
        int[] drawn = new int[colours];
        for (int i = 0; i < colours; i++) {
            drawn[i] = random.nextInt(1 << 24);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb.setRGB(x, y, drawn[(x * 7 + y * 3) % colours]);
            }
        }
        Palette.Indexed indexed = Palette.reduce(rgb, 256, List.of());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(indexed)));
        assertThat(back.getWidth()).isEqualTo(w);
        assertThat(back.getHeight()).isEqualTo(h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertThat(back.getRGB(x, y) & 0xFFFFFF).isEqualTo(rgb.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 16})
    void inksAreKeptExactlyAndRareBlendsTakeTheNearestColour(int size) {
        BufferedImage rgb = new BufferedImage(100, 10, BufferedImage.TYPE_INT_RGB);
        Color ink = new Color(0x00, 0x9E, 0x73);
        for (int x = 0; x < 100; x++) {
            for (int y = 0; y < 10; y++) {
                // Many shades of grey, one thin ink line, one blend close to white.
                int grey = 0x40 + (x % 40) * 4;
                rgb.setRGB(x, y, y == 5 && x < 3 ? ink.getRGB() : x == 99 ? 0xFEFEFE : new Color(grey, grey, grey).getRGB());
            }
        }
        Palette.Indexed indexed = Palette.reduce(rgb, size, List.of(ink));
        assertThat(indexed.colours()).hasSize(size).contains(ink.getRGB() & 0xFFFFFF);
        assertThat(indexed.colours()[indexed.index()[5 * 100] & 0xFF]).isEqualTo(ink.getRGB() & 0xFFFFFF);
    }
}
