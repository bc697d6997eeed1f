package dev.keel.diagnose.trace;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a {@link Trace} in keel's CSV format. The output holds no times, hosts or paths, so the same run
 * gives the same bytes. Non-finite values are written as {@code NaN}, {@code Infinity}, {@code -Infinity};
 * absent cells as empty.
 */
public final class TraceCsvWriter {
    private TraceCsvWriter() {
    }

    public static void write(Trace trace, Writer out) throws IOException {
        List<String> names = trace.columns().stream().map(Trace.Column::name).toList();
        TraceCsvAppender rows = new TraceCsvAppender(out, trace.metadata(), names);
        double[] cells = new double[names.size()];
        boolean[] present = new boolean[names.size()];
        for (int r = 0; r < trace.size(); r++) {
            for (int c = 0; c < cells.length; c++) {
                Trace.Column column = trace.columns().get(c);
                present[c] = column.has(r);
                cells[c] = column.get(r);
            }
            rows.row(trace.steps()[r], cells, present);
        }
        rows.flush();
    }

    /** Integral values (epochs) without a trailing ".0"; everything else in Java's shortest round-trip form. */
    static void appendNumber(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "Infinity" : "-Infinity");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
