package dev.keel.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMessage} in logback.xml: a log message as one line with its control characters escaped, so that a
 * warning quoting a column name or a file name ({@code ignoring column '\u001b[2J'}) cannot drive the terminal.
 */
public final class SafeMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SafeText.oneLine(event.getFormattedMessage());
    }
}
