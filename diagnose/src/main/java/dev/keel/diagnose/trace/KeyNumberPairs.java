package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code key <sep> number} pairs of one printed line, for the keys keel reads. A key is one to three words right
 * before the number ({@code loss: 0.31}, {@code val_loss=0.28}, {@code Val Acc: 91.2%}, {@code 'eval_loss': 0.4},
 * {@code Step [100/600]}, {@code iter 100}), matched case-insensitively through {@link ColumnNames} with spaces,
 * underscores and slashes alike; the longest run of words that names a known key wins, so {@code Test set: Average
 * loss} is a loss. Numbers glued to a unit ({@code 3s}, {@code 6ms/step}, {@code 12.3it/s}) and numbers without a key
 * (progress counters, times) are skipped, so a progress bar yields only its metrics.
 *
 * <p>A key is read as validation when its own words say so ({@code val loss}, {@code eval_accuracy}) or, for a key
 * with no train/validation word, when the line starts with such a word ({@code Test set: Average loss},
 * {@code val Loss: 0.4 Acc: 0.85}). A key after {@code best}, {@code min}, {@code final} ... is a summary of rows
 * already printed and is skipped.
 */
final class KeyNumberPairs {
    /**
     * One pair. {@code spelled} is the key as printed, lower case, words joined by {@code _}; {@code total} is the
     * {@code N} of {@code 3/N} after a step or epoch, else -1.
     */
    record Pair(String key, String spelled, double value, long total) {
    }

    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|(?i:[-+]?nan|[-+]?inf(?:inity)?))(?!\\w|\\.\\d)");
    private static final Pattern FRACTION = Pattern.compile("\\G/\\s*(\\d{1,15})(?![\\w.])");
    private static final Set<String> VALIDATION_WORDS =
            Set.of("val", "valid", "validation", "validating", "eval", "evaluation", "evaluating", "test", "testing");
    private static final Set<String> TRAINING_WORDS = Set.of("train", "training");
    private static final Set<String> SUMMARY_WORDS =
            Set.of("best", "min", "max", "minimum", "maximum", "lowest", "highest", "final");
    private static final int MAX_KEY_WORDS = 3;
    private static final Pattern ACROSS_STEP = Pattern.compile("(?i)((?<![\\w/])[a-z][\\w/]*(?:[ _][a-z][\\w/]*){0,2})"
            + "\\s+(?:after|at|on|in|for|of)\\s+(?:the\\s+)?(?:iteration|iter|step|epoch|batch)\\s*#?\\s*\\d+"
            + "(?:\\s*/\\s*\\d+)?\\s*[:=]?\\s*$");
    private static final Set<String> STEP_WORDS = Set.of("iteration", "iter", "step", "epoch", "batch");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][\\w/]*");
    private static final Pattern TENSOR = Pattern.compile(
            "\\b(?:tf\\.)?Tensor\\(\\s*\\[*|\\btensor\\(\\s*\\[*|\\barray\\(\\s*\\[*|\\bTensor\\s+[A-Z]\\w*\\s*\\[[\\d,\\s]*\\]");
    private static final Pattern PARTS = Pattern.compile("[_/]");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z]+");

    private KeyNumberPairs() {
    }

    static List<Pair> of(String text) {
        String line = withoutTensorWrappers(text);
        List<Pair> pairs = new ArrayList<>();
        Boolean linePhase = null;
        int firstKeyStart = -1;
        Matcher m = NUMBER.matcher(line);
        while (m.find()) {
            Key key = keyBefore(line, m.start());
            if (key == null) {
                key = keyAcrossStep(line, m.start());
            }
            if (key == null) {
                continue;
            }
            if (firstKeyStart < 0) {
                firstKeyStart = key.start();
                linePhase = validationWord(words(line.substring(0, key.start())));
                if (linePhase == null) {
                    linePhase = key.validation();
                }
            }
            Pair p = pair(line, m, key, key.validation() != null ? key.validation() : linePhase);
            if (p != null) {
                pairs.add(p);
            }
        }
        return pairs;
    }

    /** The key right before a number: its canonical name, spelling, where it starts, and its phase word if any. */
    private record Key(String canonical, String spelled, int start, Boolean validation) {
    }

    private static Key keyBefore(String line, int numberStart) {
        int i = numberStart;
        int separators = 0;
        while (i > 0 && " \t'\"[(:=".indexOf(line.charAt(i - 1)) >= 0) {
            if (line.charAt(i - 1) == ':' || line.charAt(i - 1) == '=') {
                separators++;
            }
            i--;
        }
        if (i == numberStart || separators > 1) {
            return null;
        }
        List<String> words = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int end = i;
        while (words.size() < MAX_KEY_WORDS) {
            int start = end;
            while (start > 0 && isWordChar(line.charAt(start - 1))) {
                start--;
            }
            while (start < end && !Character.isLetter(line.charAt(start))) {
                start++;
            }
            if (start == end || start > 0 && isWordChar(line.charAt(start - 1))) {
                break;
            }
            words.add(0, line.substring(start, end).toLowerCase(Locale.ROOT));
            starts.add(0, start);
            int gap = start;
            while (gap > 0 && (line.charAt(gap - 1) == ' ' || line.charAt(gap - 1) == '\t')) {
                gap--;
            }
            if (gap == start || gap == 0 || !isWordChar(line.charAt(gap - 1))) {
                break;
            }
            end = gap;
        }
        return key(words, starts);
    }

    /** The key named by the longest tail of {@code words} keel knows, or null. */
    private static Key key(List<String> words, List<Integer> starts) {
        for (int from = 0; from < words.size(); from++) {
            String spelled = String.join("_", words.subList(from, words.size()));
            String canonical = canonical(spelled);
            if (canonical != null) {
                if (words.subList(0, from).stream().anyMatch(SUMMARY_WORDS::contains)) {
                    return null; // "Best val Acc: 0.93" repeats a row, it is not one
                }
                Boolean phase = validationWord(words);
                return new Key(canonical, spelled, starts.get(from), phase);
            }
        }
        return null;
    }

    /**
     * The key of a number printed after the step it belongs to: {@code Cost after iteration 500: 0.41},
     * {@code loss at step 200 = 0.31}. Only tried when the number has no key of its own right before it.
     */
    private static Key keyAcrossStep(String line, int numberStart) {
        int i = numberStart;
        while (i > 0 && " \t:=".indexOf(line.charAt(i - 1)) >= 0) {
            i--;
        }
        if (i == 0 || !Character.isDigit(line.charAt(i - 1))) {
            return null;
        }
        // Cheap first: the digits must follow a step word ("iteration 1000", "epoch 3/10").
        while (i > 0 && (Character.isDigit(line.charAt(i - 1)) || " \t/#".indexOf(line.charAt(i - 1)) >= 0)) {
            i--;
        }
        int end = i;
        while (i > 0 && Character.isLetter(line.charAt(i - 1))) {
            i--;
        }
        if (!STEP_WORDS.contains(line.substring(i, end).toLowerCase(Locale.ROOT))) {
            return null;
        }
        int from = Math.max(0, numberStart - 100);
        Matcher m = ACROSS_STEP.matcher(line.substring(from, numberStart));
        if (!m.find()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher w = WORD.matcher(m.group(1));
        while (w.find()) {
            words.add(w.group().toLowerCase(Locale.ROOT));
            starts.add(from + m.start(1) + w.start());
        }
        return key(words, starts);
    }

    /**
     * A printed tensor's value without its wrapper, so that its key is right before it: PyTorch's
     * {@code tensor(0.5213, device='cuda:0', grad_fn=<...>)}, TensorFlow's {@code tf.Tensor(0.52, shape=(), ...)},
     * NumPy's {@code array(0.52, dtype=float32)}, Hasktorch's {@code Tensor Float []  2.5e-3}.
     */
    static String withoutTensorWrappers(String line) {
        if (line.indexOf("ensor") < 0 && line.indexOf("array(") < 0) {
            return line;
        }
        return TENSOR.matcher(line).replaceAll(" ");
    }

    private static String canonical(String spelled) {
        // A batch counter within an epoch; a CSV column named batch is more often a size, so only printed logs read it.
        return spelled.equals("batch") ? Trace.STEP : ColumnNames.canonical(spelled);
    }

    private static Pair pair(String line, Matcher m, Key key, Boolean validation) {
        String number = m.group(1);
        double value = TraceReader.parseNumber(number);
        int after = m.end();
        boolean percent = after < line.length() && line.charAt(after) == '%';
        Matcher fraction = FRACTION.matcher(line);
        long total = -1;
        String name = key.canonical();
        boolean metric = name.equals(Trace.TRAIN_METRIC) || name.equals(Trace.VAL_METRIC);
        if (!percent && fraction.find(after)) {
            long denominator = Long.parseLong(fraction.group(1));
            if (metric && denominator > 0) {
                value /= denominator; // PyTorch's MNIST example: Accuracy: 9840/10000
            } else if (name.equals(Trace.STEP) || name.equals(Trace.EPOCH)) {
                total = denominator;
            } else {
                return null;
            }
        } else if (percent || metric && value > 1 && value <= 100) {
            if (!metric) {
                return null;
            }
            value /= 100;
        }
        if (name.equals(Trace.STEP) && !(value >= 0 && value == Math.rint(value))) {
            return null;
        }
        if (Boolean.TRUE.equals(validation) && !key.spelled().startsWith("train")) {
            name = switch (name) {
                case Trace.LOSS -> Trace.VAL_LOSS;
                case Trace.TRAIN_METRIC -> Trace.VAL_METRIC;
                default -> name;
            };
        }
        return new Pair(name, key.spelled(), value, total);
    }

    /** TRUE for a validation word, FALSE for a training word, the first that occurs; null for neither. */
    private static Boolean validationWord(List<String> words) {
        for (String w : words) {
            for (String part : PARTS.split(w)) {
                if (VALIDATION_WORDS.contains(part)) {
                    return Boolean.TRUE;
                }
                if (TRAINING_WORDS.contains(part)) {
                    return Boolean.FALSE;
                }
            }
        }
        return null;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : NOT_LETTERS.split(text.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '-' || c == '.';
    }
}
