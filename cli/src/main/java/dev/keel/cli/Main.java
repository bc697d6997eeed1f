package dev.keel.cli;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of the fat jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // DL4J and some libraries log through java.util.logging; route it to the log file with the rest.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // A thread of a library that dies would print its stack trace on the terminal: it goes to the log file.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LoggerFactory.getLogger(Main.class)
                .error("thread {} died", thread.getName(), e));
        System.exit(KeelCommand.commandLine().execute(args));
    }
}
