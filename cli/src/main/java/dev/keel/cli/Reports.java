package dev.keel.cli;

import dev.keel.report.ReportWriter;
import dev.keel.sweep.store.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Writes the HTML report at the end of a sweep; a report that cannot be written never fails the sweep. */
final class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private Reports() {
    }

    static void writeAfterSweep(ResultStore store, PrintWriter out, PrintWriter err) {
        try {
            Path report = ReportWriter.write(store.dir(), store.reportPath());
            out.println("report: " + SpacesCommand.shown(report));
        } catch (IOException | RuntimeException e) {
            // The trials are stored; the report can be written again with `keel report`.
            LOG.error("could not write the report of {}", store.dir(), e);
            String why = EnvironmentProblem.describe(e);
            err.println("keel: the sweep is stored but its report could not be written (" + SafeText.oneLine(
                    why != null ? why : String.valueOf(e.getMessage())) + "); try: keel report "
                    + SpacesCommand.shown(store.dir()));
        }
    }
}
