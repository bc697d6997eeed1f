package dev.keel.diagnose;

/**
 * Input a user can fix: a space file, a data file, a trace file, a flag. The message is one line that
 * names the file, line, column or key and says what was expected; the CLI prints it and exits with 2.
 * A line break in it (from a quoted file name or value) is kept as {@code \n}, so that it stays one line.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? null : message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
