package dev.keel.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Which of keel's log events reach the terminal (logback.xml): warnings and errors, one line each, and never one
 * that carries an exception. An exception is logged by the code that caught it, which prints its own line for the
 * user (an internal error, a failed trial, a report that could not be written) and leaves the stack trace to the
 * log file.
 */
public final class ConsoleLogFilter extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN) || event.getThrowableProxy() != null) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
