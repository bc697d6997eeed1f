package dev.keel.diagnose;

/**
 * Input a user can fix: a space file, a data file, a trace file, a flag. The message is one line that
 * names the file, line, column or key and says what was expected; the CLI prints it and exits with 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
