package dev.keel.sweep.space;

/**
 * A space value that is wrong, with the dotted key it sits under ({@code parameters.optimizer.values[2]}).
 * The parser turns it into a one-line {@code FILE:LINE: key '...': ...} error; code that builds a space
 * directly sees an {@link IllegalArgumentException} whose message names the key.
 */
public final class SpaceKeyException extends IllegalArgumentException {
    private final String key;
    private final String problem;

    public SpaceKeyException(String key, String problem) {
        super("key '" + key + "': " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The dotted key, e.g. {@code parameters.learning_rate.min}. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key. */
    public String problem() {
        return problem;
    }
}
