package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Captured terminal output as the terminal showed it. Progress bars redraw one line many times: tqdm and Lightning
 * return to its start with {@code \r}, Keras with a run of backspaces ({@code \b}) before its {@code \r}. Each line
 * is kept as the states it went through, in order, so a reader can keep the last one, or the last of each epoch when
 * a bar that spans epochs is redrawn without a newline (PyTorch Lightning 2). Colours and cursor moves (ANSI escape
 * sequences) are dropped.
 */
final class TerminalText {
    private static final Pattern ANSI = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])");

    private TerminalText() {
    }

    /** Every line of {@code text}, each as its non-blank states (possibly none), first to last. */
    static List<List<String>> lines(String text) {
        List<List<String>> lines = new ArrayList<>();
        forEachLine(text, lines::add);
        return lines;
    }

    /** Hands each line of {@code text} to {@code lines} in order, as its states; a long log is never held twice. */
    static void forEachLine(String text, Consumer<List<String>> lines) {
        String plain = text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
        List<String> states = new ArrayList<>();
        StringBuilder state = new StringBuilder();
        int cursor = 0;
        boolean rewound = false;
        for (int i = 0; i < plain.length(); i++) {
            char ch = plain.charAt(i);
            if (ch == '\n' || ch == '\r' && i + 1 < plain.length() && plain.charAt(i + 1) == '\n') {
                if (ch == '\r') {
                    i++;
                }
                keep(states, state);
                lines.accept(List.copyOf(states));
                states.clear();
                cursor = 0;
                rewound = false;
            } else if (ch == '\r') {
                keep(states, state);
                cursor = 0;
                rewound = false;
            } else if (ch == '\b') {
                cursor = Math.max(0, cursor - 1);
                rewound = cursor == 0;
            } else {
                if (rewound) {
                    // Backspaced to the start of the line: what follows is a new state, as after \r.
                    keep(states, state);
                    rewound = false;
                }
                if (cursor < state.length()) {
                    state.setCharAt(cursor, ch);
                } else {
                    state.append(ch);
                }
                cursor++;
            }
        }
        keep(states, state);
        if (!states.isEmpty()) {
            lines.accept(List.copyOf(states));
        }
    }

    private static void keep(List<String> states, StringBuilder state) {
        if (!state.toString().isBlank()) {
            states.add(state.toString());
        }
        state.setLength(0);
    }
}
