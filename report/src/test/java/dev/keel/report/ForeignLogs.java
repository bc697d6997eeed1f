package dev.keel.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Training logs as other tools write them, for reports on a folder of logs. */
public final class ForeignLogs {
    private ForeignLogs() {
    }

    /**
     * A folder of runs: two CSV logs and a JSON Lines log named by their settings, one of them blowing up; a Hugging
     * Face output folder with two checkpoints; the listener's folder (trace with per-layer columns and its
     * diagnosis.json); and a text file that is no training log.
     */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("adam-lr0.001-bs32.csv"), falling(300, 1, false));
        Files.writeString(dir.resolve("adam-lr0.3-bs32.csv"), blowingUp(120, 2));
        Files.writeString(dir.resolve("sgd-lr0.05-bs64.jsonl"), jsonl(300, 3));
        Path hf = Files.createDirectories(dir.resolve("bert-base/checkpoint-100"));
        Files.writeString(hf.resolve("trainer_state.json"), trainerState(10));
        Path latest = Files.createDirectories(dir.resolve("bert-base/checkpoint-200"));
        Files.writeString(latest.resolve("trainer_state.json"), trainerState(20));
        Path listener = Files.createDirectories(dir.resolve("listener-run"));
        Files.writeString(listener.resolve("trace.csv"), "# learning_rate=0.003\n# optimizer=adam\n" + falling(300, 4, true));
        Files.writeString(listener.resolve("diagnosis.json"), "{\"verdict\":\"stable\"}\n");
        Files.writeString(dir.resolve("notes.txt"), "things to try next week\n");
        return dir;
    }

    /** A falling loss with minibatch noise and validation every 30 steps; per-layer gradient norms if asked. */
    public static String falling(int steps, long seed, boolean layers) {
        Random rng = new Random(seed);
        StringBuilder csv = new StringBuilder("step,epoch,loss,lr,val_loss,val_metric"
                + (layers ? ",grad_norm/dense_0,grad_norm/output" : "") + "\n");
        for (int step = 1; step <= steps; step++) {
            double loss = (2.3 * Math.exp(-step / 60.0) + 0.15) * Math.exp(0.1 * rng.nextGaussian());
            csv.append(step).append(',').append(1 + step / 30).append(',').append(f(loss)).append(",0.001,");
            if (step % 30 == 0) {
                csv.append(f(2.3 * Math.exp(-step / 60.0) + 0.2)).append(',').append(f(0.9 - 0.8 * Math.exp(-step / 60.0)));
            } else {
                csv.append(',');
            }
            if (layers) {
                csv.append(',').append(step % 10 == 0 ? f(0.05 * Math.exp(-step / 200.0)) : "")
                        .append(',').append(step % 10 == 0 ? f(0.5 * Math.exp(-step / 200.0)) : "");
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** Falls for a while, then climbs to NaN. */
    public static String blowingUp(int steps, long seed) {
        Random rng = new Random(seed);
        StringBuilder csv = new StringBuilder("step,loss\n");
        double loss = 2.3;
        for (int step = 1; step <= steps; step++) {
            loss = step < 40 ? (2.3 * Math.exp(-step / 30.0) + 0.2) * Math.exp(0.1 * rng.nextGaussian()) : loss * 2.5;
            csv.append(step).append(',').append(loss > 1e30 ? "nan" : f(loss)).append('\n');
        }
        return csv.toString();
    }

    /** A falling loss, one JSON object a step: no learning rate, nothing but the loss. */
    public static String jsonl(int steps, long seed) {
        Random rng = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int step = 1; step <= steps; step++) {
            double loss = (1.8 * Math.exp(-step / 80.0) + 0.3) * Math.exp(0.1 * rng.nextGaussian());
            s.append("{\"step\": ").append(step).append(", \"loss\": ").append(f(loss)).append("}\n");
        }
        return s.toString();
    }

    /** A Hugging Face trainer_state.json: a linearly decaying rate from 5e-5, batch size 16. */
    static String trainerState(int entries) {
        StringBuilder s = new StringBuilder("{\n  \"global_step\": " + entries * 10 + ",\n  \"log_history\": [\n");
        for (int i = 1; i <= entries; i++) {
            s.append("    {\"epoch\": ").append(f(i * 0.05)).append(", \"learning_rate\": ")
                    .append(f(5e-5 * (1 - i / 40.0))).append(", \"loss\": ").append(f(0.7 * Math.exp(-i / 8.0) + 0.1))
                    .append(", \"step\": ").append(i * 10).append("}").append(i < entries ? ",\n" : "\n");
        }
        return s.append("  ],\n  \"train_batch_size\": 16\n}\n").toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
