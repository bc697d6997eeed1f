package dev.keel.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures report size and render time on fixture sweeps (not a test: timings on a shared machine are
 * figures to record, not assertions). Run:
 * <pre>
 * mvn -B -q -pl report -am test-compile
 * java -cp "$(cat report/target/test-classpath.txt):report/target/classes:report/target/test-classes" \
 *      dev.keel.report.ReportBenchmark [OUT_DIR] [TRIALS...]
 * </pre>
 * Prints, per fixture size, the report's bytes and the median of five renders (after one warm-up).
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "report/target/benchmark");
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {40, 500};
        for (int trials : sizes) {
            Path run = out.resolve("fixture-" + trials);
            if (!Files.exists(run.resolve("sweep.json"))) {
                new FixtureSweep(trials, 20, 7).write(run);
            }
            Path file = run.resolve("report.html");
            ReportWriter.write(run, file);
            List<Long> ms = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                ReportWriter.write(run, file);
                ms.add((System.nanoTime() - t) / 1_000_000);
            }
            ms.sort(null);
            System.out.printf("trials=%d bytes=%d median_ms=%d runs_ms=%s file=%s%n", trials, Files.size(file),
                    ms.get(2), ms, file.toAbsolutePath());
        }
    }
}
