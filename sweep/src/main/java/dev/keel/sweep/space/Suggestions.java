package dev.keel.sweep.space;

import java.util.List;

/** "Did you mean …?" for mistyped keys: the closest allowed key within a few edits. */
final class Suggestions {
    private Suggestions() {
    }

    static String closest(String typed, List<String> allowed) {
        String lower = typed.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : allowed) {
            // maximum → max, min_val → min: a word that starts with an allowed key is most likely that key.
            if (candidate.length() >= 3 && lower.startsWith(candidate)) {
                return candidate;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(lower, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // One edit in three characters still reads as a typo; more is a different word.
        return bestDistance <= Math.max(1, typed.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
