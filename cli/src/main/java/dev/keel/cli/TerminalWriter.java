package dev.keel.cli;

import java.io.PrintWriter;

/**
 * The writer every command prints through (stdout and stderr): whatever is printed has its control characters
 * escaped ({@link SafeText}), so a hostile space name, column name or file name cannot drive the terminal. Only
 * keel's own sequences, the progress bar's carriage return and erase-line, go out as they are, through
 * {@link #control}.
 */
final class TerminalWriter extends PrintWriter {
    private TerminalWriter(PrintWriter out) {
        super(out, true);
    }

    /** {@code out} made safe; a writer that already is one is returned as it is. */
    static PrintWriter wrap(PrintWriter out) {
        return out instanceof TerminalWriter ? out : new TerminalWriter(out);
    }

    /** Writes a control sequence of keel's own, unescaped, if {@code out} is a terminal writer (else as is). */
    static void control(PrintWriter out, String sequence) {
        if (out instanceof TerminalWriter t) {
            synchronized (t.lock) {
                t.writeRaw(sequence);
            }
        } else {
            out.print(sequence);
        }
    }

    private void writeRaw(String s) {
        super.write(s, 0, s.length());
    }

    @Override
    public void write(int c) {
        writeRaw(SafeText.escape(String.valueOf((char) c)));
    }

    @Override
    public void write(char[] buf, int off, int len) {
        writeRaw(SafeText.escape(new String(buf, off, len)));
    }

    @Override
    public void write(String s, int off, int len) {
        writeRaw(SafeText.escape(s.substring(off, off + len)));
    }
}
