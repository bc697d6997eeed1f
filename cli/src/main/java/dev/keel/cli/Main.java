package dev.keel.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of the fat jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // DL4J and some libraries log through java.util.logging; route it to the log file with the rest.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(KeelCommand.commandLine().execute(args));
    }
}
