package dev.keel.sweep.data;

/**
 * Rows of numeric features and their targets: a class index (0..k-1) for classification, the value for
 * regression. Arrays are not copied; nothing in keel mutates a table after it is made.
 */
public record Table(double[][] features, double[] targets) {
    public Table {
        if (features.length != targets.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + targets.length + " targets");
        }
    }

    public int rows() {
        return targets.length;
    }

    public int columns() {
        return features.length == 0 ? 0 : features[0].length;
    }
}
