package dev.keel.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures report size and render time on fixture sweeps (not a test: timings on a shared machine are
 * figures to record, not assertions). {@code bench/report-bench.sh} runs it, and times {@code keel report}
 * as whole commands; by hand:
 * <pre>
 * mvn -B -q -pl report -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp "$(cat report/target/test-classpath.txt):report/target/classes:report/target/test-classes" \
 *      dev.keel.report.ReportBenchmark [OUT_DIR] [TRIALS...]
 * </pre>
 * Prints, per fixture size, the report's bytes, the first render in this JVM (cold: classes loaded, code not
 * yet compiled) and the median of five more, each as wall and process CPU milliseconds. CPU time is the figure
 * to compare on a busy machine; on an idle one wall time is about CPU time over the cores used.
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "report/target/benchmark");
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {16, 40, 500, 1000};
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int trials : sizes) {
            Path run = out.resolve("fixture-" + trials);
            if (!Files.exists(run.resolve("sweep.json"))) {
                new FixtureSweep(trials, 20, 7).write(run);
            }
            Path file = run.resolve("report.html");
            List<long[]> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long t = System.nanoTime();
                long c = os.getProcessCpuTime();
                ReportWriter.write(run, file);
                runs.add(new long[] {(System.nanoTime() - t) / 1_000_000, (os.getProcessCpuTime() - c) / 1_000_000});
            }
            long[] first = runs.remove(0);
            runs.sort((a, b) -> Long.compare(a[0], b[0]));
            long[] median = runs.get(2);
            System.out.printf("trials=%d bytes=%d first_ms=%d first_cpu_ms=%d median_ms=%d median_cpu_ms=%d "
                    + "runs_ms=%s load=%s%n", trials, Files.size(file), first[0], first[1], median[0], median[1],
                    runs.stream().map(r -> r[0]).toList(), Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }
}
