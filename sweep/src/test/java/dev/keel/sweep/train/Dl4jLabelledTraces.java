package dev.keel.sweep.train;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceCsvWriter;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.data.DataSpec;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.train.memory.NativeMemory;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the DL4J part of diagnose's labelled set: runs of keel's own {@link Trainer} in configurations whose
 * verdict is known by construction (the {@code argument} of each {@link Run}), recorded exactly as a sweep
 * records them, with every per-layer column. A run is kept only if its own trace bears the argument out
 * ({@link Dl4jLabelledTracesFacts#mismatch}); the others are listed as dropped, with the reason. Labels never
 * come from keel's classifier. Deterministic: the data split uses seed 42, every run its own trial seed.
 *
 * <pre>
 * mvn -B -q -o -pl sweep -am test-compile
 * OPENBLAS_CORETYPE=Haswell OMP_NUM_THREADS=1 java -Dorg.bytedeco.javacpp.nopointergc=true -cp ... \
 *     dev.keel.sweep.train.Dl4jLabelledTraces \
 *     [OUT_DIR (default diagnose/src/test/resources/labelled/dl4j)] [NAME_FILTER] [SEED_OFFSET]
 * </pre>
 * The committed set was made with OpenBLAS's Haswell (AVX2) kernels; on an AVX-512 machine OpenBLAS otherwise picks
 * kernels that round differently in the last bits, and some runs then fall on the other side of their checks.
 * Run from the repository root; docs/DIAGNOSIS.md gives the full command. A SEED_OFFSET adds to every trial
 * seed: the same constructions on fresh seeds, a replicate set for checking the classifier on runs it was not
 * calibrated or revised on (it is not committed).
 */
public final class Dl4jLabelledTraces {
    static final Path DEFAULT_OUT = Path.of("diagnose/src/test/resources/labelled/dl4j");
    static final long DATA_SEED = 42;
    /** Per-layer statistics every this many steps (the loss is recorded on every step). */
    static final int TRACE_EVERY = 10;
    /** A batch larger than any built-in training split: one step an epoch, no minibatch noise. */
    static final int FULL_BATCH = 100_000;

    /**
     * One labelled run.
     *
     * @param file       path under the output folder, {@code label/family-....csv}
     * @param family     the construction, for the manifest (and the stratified split)
     * @param goodMetric for stable runs, the validation score a run that learnt must reach
     * @param argument   why the label follows from the construction, in one sentence
     * @param referenceRate for oscillating minibatch runs, the learning rate of the reference run (the same net,
     *                   seed and epochs) whose best validation loss the oscillation's band must stay far above; NaN
     *                   for none
     * @param smoothValidation for stable runs whose argument is minibatch noise over a smooth validation loss: check
     *                   that the validation loss does not jump
     */
    record Run(String file, Verdict label, String family, String dataset, long seed, Map<String, Object> knobs,
               double goodMetric, String argument, double referenceRate, boolean smoothValidation) {
        Run(String file, Verdict label, String family, String dataset, long seed, Map<String, Object> knobs,
            double goodMetric, String argument) {
            this(file, label, family, dataset, seed, knobs, goodMetric, argument, Double.NaN, false);
        }

        /** The same run at the reference rate. */
        Run reference() {
            Map<String, Object> k = new LinkedHashMap<>(knobs);
            k.put("learning_rate", referenceRate);
            return new Run(file, label, family, dataset, seed, k, goodMetric, argument);
        }

        boolean fullBatch() {
            Object b = knobs.get("batch_size");
            return b != null && ((Number) b).intValue() >= FULL_BATCH;
        }
    }

    private Dl4jLabelledTraces() {
    }

    public static void main(String[] args) throws IOException {
        NativeMemory.install();
        if (!"Haswell".equals(System.getenv("OPENBLAS_CORETYPE"))) {
            System.out.println("note: OPENBLAS_CORETYPE is not Haswell: the numbers may differ in the last bits from"
                    + " the committed set's (see docs/DIAGNOSIS.md)");
        }
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUT;
        String filter = args.length > 1 ? args[1] : "";
        long seedOffset = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Map<String, PreparedData> data = new HashMap<>();
        Map<String, String> manifest = new TreeMap<>();
        Map<String, Verdict> added = new TreeMap<>();
        Dl4jLabelledTracesRuns.added().forEach(r -> added.put(r.file(), r.label()));
        List<String> dropped = new ArrayList<>();
        for (Run run : Dl4jLabelledTracesRuns.all()) {
            if (!run.file().contains(filter)) {
                continue;
            }
            PreparedData d = data.computeIfAbsent(run.dataset(),
                    name -> DataLoader.load(DataSpec.of("builtin:" + name, null), DATA_SEED));
            TrialOutcome o = new Trainer().train(config(run), d, run.seed() + seedOffset, StopHook.NEVER);
            double referenceValBest = Double.NaN;
            if (!Double.isNaN(run.referenceRate())) {
                TrialOutcome ref = new Trainer().train(config(run.reference()), d, run.seed() + seedOffset,
                        StopHook.NEVER);
                referenceValBest = bestValidationLoss(ref);
            }
            Dl4jLabelledTracesFacts facts = Dl4jLabelledTracesFacts.of(o, d, run.fullBatch(), referenceValBest);
            String mismatch = facts.mismatch(run.label(), run.goodMetric(), run.smoothValidation());
            String summary = facts.summary(run.label(), run.smoothValidation());
            if (mismatch != null) {
                dropped.add(run.file() + ": " + mismatch + " [" + facts.summary() + "; " + facts.averaged() + "]");
                System.out.println("DROPPED " + run.file() + ": " + mismatch);
                continue;
            }
            Path file = out.resolve(run.file());
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                TraceCsvWriter.write(o.trace(), w);
            }
            manifest.put(run.file(), String.join(",", run.file(), run.label().token(), run.family(), "%SPLIT%",
                    "\"" + run.argument() + "; " + summary + "\""));
            System.out.println("kept    " + run.file() + "  " + summary);
        }
        if (filter.isEmpty() || seedOffset != 0) {
            // The added runs' halves: alternating within each label, in file order, over the kept added runs.
            Map<Verdict, Integer> counts = new TreeMap<>();
            for (String file : manifest.keySet()) {
                String split = "";
                if (added.containsKey(file)) {
                    int i = counts.merge(added.get(file), 1, Integer::sum) - 1;
                    split = i % 2 == 1 ? "held-out" : "calibration";
                }
                manifest.put(file, manifest.get(file).replace(",%SPLIT%,", "," + split + ","));
            }
            List<String> lines = new ArrayList<>();
            lines.add("file,label,family,split,origin");
            lines.addAll(manifest.values());
            Files.write(out.resolve("manifest.csv"), lines);
        }
        System.out.println(manifest.size() + " traces kept, " + dropped.size() + " dropped");
        dropped.forEach(d -> System.out.println("  dropped " + d));
    }

    private static double bestValidationLoss(TrialOutcome o) {
        double best = Double.NaN;
        var column = o.trace().column(Trace.VAL_LOSS);
        if (column.isPresent()) {
            for (int r = 0; r < o.trace().size(); r++) {
                if (column.get().has(r) && Double.isFinite(column.get().get(r))) {
                    best = Double.isNaN(best) ? column.get().get(r) : Math.min(best, column.get().get(r));
                }
            }
        }
        return best;
    }

    static TrialConfig config(Run run) {
        Map<String, Object> knobs = new LinkedHashMap<>(run.knobs());
        // Every run goes its full length: the label is about the whole run, not when validation stopped improving.
        knobs.putIfAbsent("early_stopping", "none");
        return TrialConfig.defaults().with(knobs).withTraining(ModelType.MLP, TRACE_EVERY, TrialConfig.NO_TIME_LIMIT);
    }
}
