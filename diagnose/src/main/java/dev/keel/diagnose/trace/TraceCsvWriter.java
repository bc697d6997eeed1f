package dev.keel.diagnose.trace;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes a {@link Trace} in keel's CSV format. The output holds no times, hosts or paths, so the same run
 * gives the same bytes. Non-finite values are written as {@code NaN}, {@code Infinity}, {@code -Infinity};
 * absent cells as empty.
 */
public final class TraceCsvWriter {
    private TraceCsvWriter() {
    }

    public static void write(Trace trace, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(256);
        for (Map.Entry<String, String> m : trace.metadata().entrySet()) {
            out.write("# " + m.getKey() + "=" + m.getValue().replace('\n', ' ') + "\n");
        }
        line.append(Trace.STEP);
        for (Trace.Column c : trace.columns()) {
            line.append(',').append(c.name());
        }
        out.write(line.append('\n').toString());
        for (int r = 0; r < trace.size(); r++) {
            line.setLength(0);
            line.append(trace.steps()[r]);
            for (Trace.Column c : trace.columns()) {
                line.append(',');
                if (c.has(r)) {
                    appendNumber(line, c.get(r));
                }
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
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
