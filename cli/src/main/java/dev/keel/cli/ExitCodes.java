package dev.keel.cli;

/** keel's documented exit codes (README.md, docs/DESIGN.md: The command line). */
public final class ExitCodes {
    /** Success. A sweep whose trials diverge still succeeds: a diverging trial is a finding. */
    public static final int OK = 0;
    /** An internal error: a bug. The message says where the details are. */
    public static final int INTERNAL = 1;
    /** Bad input: usage, a space file, a data file, a trace file. */
    public static final int BAD_INPUT = 2;
    /** {@code keel diagnose --follow --exit-on VERDICT}: the log reached that verdict. */
    public static final int VERDICT_REACHED = 3;

    private ExitCodes() {
    }
}
