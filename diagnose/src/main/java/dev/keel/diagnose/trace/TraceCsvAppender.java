package dev.keel.diagnose.trace;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes keel's CSV format a row at a time, for a trace that is still being recorded (the listener's
 * {@code trace.csv}, which {@code keel diagnose --follow} can read while training runs). The bytes are those
 * {@link TraceCsvWriter} writes for the finished trace.
 */
public final class TraceCsvAppender implements Flushable, Closeable {
    private final Writer out;
    private final int width;
    private final StringBuilder line = new StringBuilder(256);

    /** Writes the metadata lines and the header. */
    public TraceCsvAppender(Writer out, Map<String, String> metadata, List<String> columns) throws IOException {
        this.out = out;
        this.width = columns.size();
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            out.write("# " + m.getKey() + "=" + m.getValue().replace('\n', ' ') + "\n");
        }
        line.append(Trace.STEP);
        for (String c : columns) {
            line.append(',').append(c);
        }
        out.write(line.append('\n').toString());
    }

    /** One row: {@code cells[i]} of column {@code i}, written only where {@code present[i]} (NaN is a value). */
    public void row(long step, double[] cells, boolean[] present) throws IOException {
        if (cells.length != width || present.length != width) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells, the header has " + width);
        }
        line.setLength(0);
        line.append(step);
        for (int c = 0; c < width; c++) {
            line.append(',');
            if (present[c]) {
                TraceCsvWriter.appendNumber(line, cells[c]);
            }
        }
        out.write(line.append('\n').toString());
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
