package dev.keel.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile variants of a text file, for {@link HostileInputFuzzTest}: values a probe would try (huge, non-finite,
 * empty, long, control characters, YAML's corners), lines deleted, repeated, swapped or cut, bytes that are not
 * UTF-8. Everything follows from the {@link Random} given, so a failure names a seed and a variant to replay.
 */
final class Mutations {
    /** Values that have broken parsers: numbers at and past their limits, non-finite spellings, text. */
    static final List<String> HOSTILE_VALUES = List.of(
            "0", "-1", "1e308", "-1e308", "1e309", "4.9e-324", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "2147483648", "1e30", "1.5", "NaN", "nan", "-inf", "Infinity", ".nan", ".inf",
            "-.inf", "", "null", "~", "true", "no", "0x1F", "1_000", "010", "\"\"", "''", "\"unterminated",
            "'single", "[", "]", "{", "}", "{a: 1}", "[1, 2]", "&a x", "*a", "*undefined", "<<: *a", "!!binary AAAA",
            "!!python/object:os.system [ls]", "!custom x", "|", ">-", "- item", "? key", "%YAML 1.1", "---", "...",
            "\u001b[2J\u001b]0;owned\u0007", "\u202eevil", "\t", "\r", "x\u0000y", "é", "💥",
            "a".repeat(300), "b".repeat(20_000), "1" + "0".repeat(400), "-" + "9".repeat(50), "1e-400",
            ",", ";", "\"a,b\"", "\"a\"\"b\"", "step", "loss", "=", "#", "# comment");

    private final Random random;

    Mutations(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    String hostileValue() {
        return HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /**
     * Values that keep a YAML file well formed, so that a variant reaches keel's own checks: numbers past their
     * limits, non-finite, escapes and long text in quotes, aliases, tags, every token keel knows in the wrong place.
     */
    static final List<String> YAML_VALUES = List.of(
            "0", "-1", "1e308", "-1e308", "1e309", "4.9e-324", "9223372036854775807", "9223372036854775808",
            "2147483648", "1e30", "2000000000", "100000", "1.5", ".nan", ".inf", "-.inf", "null", "~", "true", "no",
            "0x1F", "1_000", "010", "\"\"", "\"\\e[2J\\e]0;owned\\a\"", "\"\\u202eevil\"", "\"\\n\"",
            "\"" + "b".repeat(20_000) + "\"", "1" + "0".repeat(400), "[]", "[1, 2, 2]", "{}", "{a: 1}",
            "*undefined", "!!binary AAAA", "!!str 5", "!!int x", "!!float .nan", "\"none\"", "\"value:0.5\"",
            "\"value:-1\"", "\"noise:-1\"", "\"noise:.nan\"", "{patience: -1, min_delta: .nan}",
            "{patience: 1e30}", "int_uniform", "log_uniform_values", "q_log_uniform_values", "uniform", "grid",
            "sobol", "random", "median", "none", "cnn", "val_accuracy", "val_rmse", "maximize", "builtin:nope",
            "builtin:digits", "/dev/zero", "/etc", "regression", "classification", "sigmoid", "adamw",
            "warmup_cosine", "[relu, relu]", "{distribution: int_uniform, min: 1, max: 1e30}",
            "{distribution: log_uniform_values, min: 0, max: 1}", "{values: []}", "{value: {value: 1}}",
            "{train: 1, validation: 0, test: 0}", "{train: .nan}");
    /** Cell values that keep a CSV row's shape: numbers past their limits, non-finite, text, escapes. */
    static final List<String> CELL_VALUES = List.of(
            "0", "-1", "1e308", "-1e308", "1e309", "4.9e-324", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "1e30", "1.5", "NaN", "nan", "-nan", "inf", "+inf", "-Infinity", "NA", "?", "",
            "null", "x", "\"quoted\"", "\"a,b\"", "\"\"", "\u001b[2J", "\u202eevil", "é", "1" + "0".repeat(400),
            "b".repeat(5000), "0x10", "1_000", "1d", "--1", "1e", ".", "-", "+");

    /** A variant of {@code text}: one to three mutations, as bytes (some are not UTF-8). */
    byte[] mutate(String text, List<String> tokens) {
        return mutate(text, tokens, HOSTILE_VALUES);
    }

    /**
     * As {@link #mutate(String, List)}, where most replacements come from {@code wellFormed}, values that keep the
     * file's syntax, so that the variant reaches the checks behind the parser.
     */
    byte[] mutate(String text, List<String> tokens, List<String> wellFormed) {
        String s = text;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            s = random.nextInt(10) < 8 ? replaced(s, tokens, pick(wellFormed)) : once(s, tokens);
        }
        if (random.nextInt(25) == 0) {
            return withBadBytes(s.getBytes(StandardCharsets.UTF_8));
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code k}-th occurrence (at random) of a token of {@code s} replaced by {@code value}. */
    private String replaced(String s, List<String> tokens, String value) {
        String token = pick(tokens);
        List<Integer> at = new ArrayList<>();
        for (int i = s.indexOf(token); i >= 0 && at.size() < 50; i = s.indexOf(token, i + 1)) {
            at.add(i);
        }
        if (at.isEmpty()) {
            return s;
        }
        int i = pick(at);
        return s.substring(0, i) + value + s.substring(i + token.length());
    }

    private String once(String s, List<String> tokens) {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int line = random.nextInt(lines.size());
        switch (random.nextInt(12)) {
            case 0, 1, 2, 3 -> {
                // A token of the file (a value, a key, a cell) replaced by a hostile value.
                String token = pick(tokens);
                int at = s.indexOf(token);
                return at < 0 ? s : s.substring(0, at) + hostileValue() + s.substring(at + token.length());
            }
            case 4 -> lines.remove(line);
            case 5 -> lines.add(line, lines.get(line));
            case 6 -> {
                int other = random.nextInt(lines.size());
                String t = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, t);
            }
            case 7 -> {
                return s.substring(0, random.nextInt(s.length() + 1));
            }
            case 8 -> lines.add(line, hostileValue());
            case 9 -> lines.set(line, lines.get(line) + hostileValue());
            case 10 -> {
                String l = lines.get(line);
                int cut = l.isEmpty() ? 0 : random.nextInt(l.length());
                lines.set(line, l.substring(0, cut) + hostileValue() + l.substring(cut));
            }
            default -> {
                // Whitespace that matters: indentation in YAML, CR LF, a byte order mark.
                String l = lines.get(line);
                lines.set(line, pick(List.of("  " + l, l.strip(), l + "\r", "\uFEFF" + l, "\t" + l)));
            }
        }
        return String.join("\n", lines);
    }

    private byte[] withBadBytes(byte[] bytes) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + 2);
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        System.arraycopy(bytes, at, out, at + 2, bytes.length - at);
        out[at] = (byte) 0xC3;
        out[at + 1] = (byte) 0x28;
        return out;
    }
}
