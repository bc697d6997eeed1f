package dev.keel.cli;

import java.nio.file.Path;

/** Where keel's log file is: DL4J's INFO chatter and stack traces go there, not to the terminal. */
final class LogFiles {
    /** Set by the launcher; the same default as logback.xml otherwise. */
    static final String PROPERTY = "keel.log.file";

    private LogFiles() {
    }

    static Path current() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".keel", "keel.log");
    }
}
