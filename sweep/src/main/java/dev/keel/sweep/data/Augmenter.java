package dev.keel.sweep.data;

import dev.keel.sweep.config.Augmentation;

import java.util.Random;

/**
 * Per-epoch input augmentation (docs/DESIGN.md: augment). {@code noise:<sigma>} adds Gaussian noise of standard
 * deviation sigma to every preprocessed feature; on image data it first shifts each image by up to one
 * pixel in each direction (vacated pixels take the background value, raw 0).
 */
public final class Augmenter {
    /** Largest shift, in pixels: small enough that an 8×8 digit stays recognisable. */
    static final int MAX_SHIFT = 1;

    private final Augmentation augmentation;
    private final ImageShape image;
    private final Preprocessor preprocessor;

    public Augmenter(Augmentation augmentation, ImageShape image, Preprocessor preprocessor) {
        this.augmentation = augmentation;
        this.image = image;
        this.preprocessor = preprocessor;
    }

    public boolean enabled() {
        return augmentation.enabled();
    }

    /**
     * The training table for one epoch: raw features shifted (images), preprocessed, then noised. Without
     * augmentation this is just the preprocessed table. {@code raw} is not modified.
     */
    public Table apply(Table raw, Random rng) {
        if (!enabled()) {
            return preprocessor.apply(raw);
        }
        double sigma = augmentation.noiseSigma();
        double[][] out = new double[raw.rows()][];
        for (int r = 0; r < out.length; r++) {
            double[] row = image != null ? shift(raw.features()[r], rng) : raw.features()[r];
            double[] t = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                t[c] = preprocessor.transform(c, row[c]) + sigma * rng.nextGaussian();
            }
            out[r] = t;
        }
        return new Table(out, raw.targets());
    }

    private double[] shift(double[] pixels, Random rng) {
        int dy = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        int dx = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        if (dx == 0 && dy == 0) {
            return pixels;
        }
        int h = image.height();
        int w = image.width();
        double[] out = new double[pixels.length];
        for (int ch = 0; ch < image.channels(); ch++) {
            int base = ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    out[base + y * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? pixels[base + sy * w + sx] : 0.0;
                }
            }
        }
        return out;
    }
}
