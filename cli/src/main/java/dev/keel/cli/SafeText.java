package dev.keel.cli;

/**
 * Text from outside keel (file, column and space names, messages that quote a file) made safe to print on a
 * terminal. A control character in it could move the cursor, clear the screen, retitle the window or reorder
 * what is shown (Unicode's bidirectional overrides), so each is written as an escape a reader can see,
 * {@code \u001b}, {@code \n}; the same escapes are valid inside a JSON string, so {@code --json} lines stay
 * valid and mean the same text.
 */
final class SafeText {
    private SafeText() {
    }

    /** {@code text} with every control character escaped but line feeds and tabs, which keel's output is made of. */
    static String escape(CharSequence text) {
        return escape(text, false);
    }

    /** {@code text} as one line: line feeds and carriage returns escaped too, as {@code \n} and {@code \r}. */
    static String oneLine(CharSequence text) {
        return escape(text, true);
    }

    private static String escape(CharSequence text, boolean oneLine) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escaped = isControl(c) || oneLine && c == '\n';
            if (escaped && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!escaped) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text.toString() : out.toString();
    }

    /**
     * C0 controls but line feed and tab, DEL, C1 controls (a lone 0x9b starts a sequence on some terminals), and the
     * bidirectional marks, embeddings, overrides and isolates.
     */
    static boolean isControl(char c) {
        return c < 0x20 && c != '\n' && c != '\t'
                || c >= 0x7f && c <= 0x9f
                || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069';
    }
}
