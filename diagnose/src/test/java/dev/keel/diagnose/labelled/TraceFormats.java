package dev.keel.diagnose.labelled;

import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceCsvWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;

/** Writes a generated trace the way keel or another framework would, so the set exercises the reader too. */
enum TraceFormats {
    /** keel's own CSV. */
    KEEL("csv"),
    /** A PyTorch loop's CSV: {@code iteration,train_loss,...} with Python's {@code nan}/{@code inf}. */
    PYTHON("csv"),
    /** Keras {@code CSVLogger}: one row an epoch, {@code epoch,loss,lr,val_loss}. */
    KERAS("log"),
    /** TensorBoard's "download CSV" of the loss scalar: {@code Wall time,Step,Value}. */
    TENSORBOARD("csv"),
    /** JSON Lines with keel's keys and Python's bare NaN/Infinity. */
    JSONL("jsonl");

    final String extension;

    TraceFormats(String extension) {
        this.extension = extension;
    }

    String write(Trace t) throws IOException {
        return switch (this) {
            case KEEL -> {
                StringWriter out = new StringWriter();
                TraceCsvWriter.write(t, out);
                yield out.toString();
            }
            case PYTHON -> python(t);
            case KERAS -> keras(t);
            case TENSORBOARD -> tensorBoard(t);
            case JSONL -> jsonLines(t);
        };
    }

    private static String python(Trace t) {
        StringBuilder sb = new StringBuilder("iteration,train_loss");
        t.column(Trace.VAL_LOSS).ifPresent(c -> sb.append(",val_loss"));
        sb.append('\n');
        for (int r = 0; r < t.size(); r++) {
            sb.append(t.steps()[r]).append(',').append(py(t.loss().get(r)));
            final int row = r;
            t.column(Trace.VAL_LOSS).ifPresent(c -> sb.append(',').append(c.has(row) ? py(c.get(row)) : ""));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String py(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** Epoch means of the minibatch loss, as Keras reports them; validation loss at the end of the epoch. */
    private static String keras(Trace t) {
        Trace.Column epoch = t.column(Trace.EPOCH).orElseThrow();
        Trace.Column val = t.column(Trace.VAL_LOSS).orElseThrow();
        Trace.Column lr = t.column(Trace.LR).orElseThrow();
        StringBuilder sb = new StringBuilder("epoch,loss,lr,val_loss\n");
        int r = 0;
        while (r < t.size()) {
            int e = (int) epoch.get(r);
            double sum = 0;
            int count = 0;
            double v = Double.NaN;
            double rate = lr.get(r);
            while (r < t.size() && (int) epoch.get(r) == e) {
                sum += t.loss().get(r);
                count++;
                if (val.has(r)) {
                    v = val.get(r);
                }
                r++;
            }
            sb.append(e).append(',').append(py(sum / count)).append(',').append(rate).append(',').append(py(v))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String tensorBoard(Trace t) {
        StringBuilder sb = new StringBuilder("Wall time,Step,Value\n");
        for (int r = 0; r < t.size(); r++) {
            double wall = 1.7e9 + t.steps()[r] * 0.0625;
            sb.append(String.format(Locale.ROOT, "%.4f", wall)).append(',').append(t.steps()[r]).append(',')
                    .append(t.loss().get(r)).append('\n');
        }
        return sb.toString();
    }

    private static String jsonLines(Trace t) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < t.size(); r++) {
            sb.append("{\"step\": ").append(t.steps()[r]);
            for (Trace.Column c : t.columns()) {
                if (c.has(r)) {
                    double v = c.get(r);
                    sb.append(", \"").append(c.name()).append("\": ")
                            .append(Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity")
                                    : Double.toString(v));
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }
}
