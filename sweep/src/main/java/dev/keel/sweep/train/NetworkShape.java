package dev.keel.sweep.train;

import dev.keel.sweep.data.ImageShape;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Task;

import java.util.Objects;

/**
 * What a network must fit: input width, output width, the task, and the image layout if the features are
 * pixels (needed by {@code model.type: cnn}).
 */
public record NetworkShape(int inputs, int outputs, Task task, ImageShape image) {
    public NetworkShape {
        Objects.requireNonNull(task, "task");
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a network needs at least one input and one output, got "
                    + inputs + " and " + outputs);
        }
        if (image != null && image.size() != inputs) {
            throw new IllegalArgumentException("image " + image + " has " + image.size() + " pixels but there are "
                    + inputs + " features");
        }
    }

    public static NetworkShape of(PreparedData data) {
        return new NetworkShape(data.features(), data.outputs(), data.task(), data.image());
    }
}
