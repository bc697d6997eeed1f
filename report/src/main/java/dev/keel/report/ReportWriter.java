package dev.keel.report;

import dev.keel.diagnose.BadInputException;
import dev.keel.report.html.ComparisonPage;
import dev.keel.report.html.ReportPage;
import dev.keel.report.model.Comparison;
import dev.keel.report.model.StabilityReport;
import dev.keel.report.model.SweepResults;
import dev.keel.report.model.TraceLibrary;
import dev.keel.sweep.store.OutputFile;
import dev.keel.sweep.store.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes keel's HTML reports: the stability report of one sweep, or a comparison of two. The result
 * folders are only read, never changed, so a report can be written while a sweep is still running.
 */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    static {
        // Charts are drawn with AWT; reports are written on servers and in CI without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportWriter() {
    }

    /**
     * Writes the stability report of the sweep in {@code runDir} to {@code out}.
     *
     * @return {@code out}
     * @throws BadInputException when {@code runDir} is not a readable keel result folder
     */
    public static Path write(Path runDir, Path out) throws IOException {
        long start = System.nanoTime();
        StabilityReport report = StabilityReport.read(runDir);
        String html = ReportPage.render(report);
        writeAtomically(out, html);
        LOG.info("report of {} trials written to {} ({} bytes) in {} ms", report.rows().size(), out, html.length(),
                (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /**
     * Renders the report of the trials {@code runDir} holds so far and throws it away, on the calling thread with
     * one chart thread: run while a sweep's last trials train on the other cores, it loads, initialises and
     * compiles the report's code (Jackson, the classifier, XChart and Java2D, the page), so that the real report
     * after the last trial takes a fraction of its cold time (docs/PERFORMANCE.md). Does nothing past
     * {@value #WARM_UP_MAX_TRIALS} trials, where reading the traces outweighs the warm-up. Never throws.
     */
    public static void warmUp(Path runDir) {
        long start = System.nanoTime();
        try {
            SweepResults sweep = SweepResults.read(runDir);
            if (sweep.trials().isEmpty() || sweep.trials().size() > WARM_UP_MAX_TRIALS) {
                return;
            }
            String html = ReportPage.render(StabilityReport.of(sweep, TraceLibrary.in(runDir)), 1);
            LOG.info("report warmed up on {} trials ({} bytes) in {} ms", sweep.trials().size(), html.length(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.debug("report warm-up of {} skipped", runDir, e);
        }
    }

    /** Sweeps up to this size get a warm-up (see {@link #warmUp}). */
    static final int WARM_UP_MAX_TRIALS = 100;

    /**
     * One folder: its stability report. Two: the comparison of the first (A) with the second (B).
     *
     * @param out where to write, or {@code null} for {@link #defaultOutput}
     * @return the file written
     */
    public static Path write(List<Path> runDirs, Path out) throws IOException {
        // A path the user chose is written through a link to a regular file; the default one, inside a result
        // folder that may come from elsewhere, never follows a link.
        Path target = out == null ? defaultOutput(runDirs) : OutputFile.chosen(out, "--out");
        if (runDirs.size() == 1) {
            write(runDirs.get(0), target);
            return out == null ? target : out;
        }
        SweepResults a = SweepResults.read(runDirs.get(0));
        SweepResults b = SweepResults.read(runDirs.get(1));
        writeAtomically(target, ComparisonPage.render(Comparison.of(a, b)));
        LOG.info("comparison of {} and {} written to {}", runDirs.get(0), runDirs.get(1), target);
        return out == null ? target : out;
    }

    /**
     * Where a report goes by default: {@code RUN_DIR/report.html}; for a comparison,
     * {@code A/compare-<B's folder name>.html}.
     */
    public static Path defaultOutput(List<Path> runDirs) {
        if (runDirs.isEmpty() || runDirs.size() > 2) {
            throw new BadInputException("expected one result folder (a report) or two (a comparison), got "
                    + runDirs.size());
        }
        Path first = runDirs.get(0);
        if (runDirs.size() == 1) {
            return first.resolve(ResultStore.REPORT);
        }
        Path name = runDirs.get(1).toAbsolutePath().normalize().getFileName();
        return first.resolve("compare-" + (name == null ? "other" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_"))
                + ".html");
    }

    /** Writes beside the target and renames, so a reader never sees half a report (and a failure leaves nothing). */
    private static void writeAtomically(Path out, String html) throws IOException {
        OutputFile.write(out, html.getBytes(StandardCharsets.UTF_8));
    }
}
