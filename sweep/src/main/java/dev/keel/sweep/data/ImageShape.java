package dev.keel.sweep.data;

/** The layout of image features, row-major (channels, height, width), e.g. 1×8×8 for builtin:digits. */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    public int size() {
        return channels * height * width;
    }
}
