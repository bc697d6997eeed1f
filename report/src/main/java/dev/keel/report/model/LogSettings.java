package dev.keel.report.model;

import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.Activation;
import dev.keel.sweep.config.Optimizer;
import dev.keel.sweep.config.TrialConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a foreign log tells about its run, as knobs of a sweep's report, from what says most to least:
 * <ol>
 *   <li>the trace's metadata under keel's knob names ({@code # learning_rate=0.01} in keel's traces, the listener's
 *       {@code setting(...)}, {@code batch_size} from a Hugging Face {@code trainer_state.json});</li>
 *   <li>its name (the file's, or its folder's): {@code lr}, {@code bs}, {@code wd}, ... followed by a number
 *       ({@code adam-lr1e-3-bs32}, {@code lr=0.01_batch_size=64}, {@code seed3}), and the words of keel's optimisers and
 *       activations ({@code adam}, {@code sgd}, {@code relu}, {@code tanh}), one of each kind;</li>
 *   <li>for the learning rate, the largest the log records (the schedule's peak, as far as the logging shows it).</li>
 * </ol>
 */
final class LogSettings {
    /** How names spell a knob, to the knob. */
    private static final Map<String, String> NAME_KEYS = new LinkedHashMap<>();

    static {
        for (String k : List.of("learning_rate", "learning-rate", "learningrate", "lr")) {
            NAME_KEYS.put(k, "learning_rate");
        }
        for (String k : List.of("batch_size", "batch-size", "batchsize", "batch", "bs")) {
            NAME_KEYS.put(k, "batch_size");
        }
        for (String k : List.of("weight_decay", "weight-decay", "wd")) {
            NAME_KEYS.put(k, "weight_decay");
        }
        NAME_KEYS.put("dropout", "dropout");
        NAME_KEYS.put("momentum", "momentum");
        NAME_KEYS.put("mom", "momentum");
        NAME_KEYS.put("epochs", "epochs");
        NAME_KEYS.put("depth", "depth");
        NAME_KEYS.put("width", "width");
        NAME_KEYS.put("l2", "l2");
        NAME_KEYS.put("seed", "seed");
    }

    /** A key not glued to a letter before it, an optional {@code = _ - :}, a number not glued to more of one after. */
    private static final Pattern KEY_NUMBER = Pattern.compile("(?<![A-Za-z])("
            + String.join("|", NAME_KEYS.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList())
            + ")[=_:\\-]?(\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|\\.\\d+)(?![\\d.])", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");
    private static final List<String> INTEGER_KNOBS = List.of("batch_size", "epochs", "depth", "width");

    /**
     * @param params knob name → value (numbers as numbers)
     * @param seed   the run's seed when it says one, else 0
     */
    record Settings(Map<String, Object> params, long seed) {
    }

    private LogSettings() {
    }

    static Settings of(String name, Trace trace) {
        Map<String, Object> params = new LinkedHashMap<>();
        long seed = 0;
        for (String knob : TrialConfig.KNOBS) {
            String v = trace.metadata().get(knob);
            if (v != null && !v.isBlank()) {
                params.put(knob, value(knob, v.trim()));
            }
        }
        String seedMeta = trace.metadata().get("seed");
        if (seedMeta != null && seedMeta.trim().matches("\\d{1,18}")) {
            seed = Long.parseLong(seedMeta.trim());
        }
        Matcher m = KEY_NUMBER.matcher(name);
        while (m.find()) {
            String knob = NAME_KEYS.get(m.group(1).toLowerCase(Locale.ROOT));
            if (knob.equals("seed")) {
                seed = seedMeta == null ? (long) Double.parseDouble(m.group(2)) : seed;
            } else {
                params.putIfAbsent(knob, value(knob, m.group(2)));
            }
        }
        String words = KEY_NUMBER.matcher(name).replaceAll(" "); // "momentum0.9" is a number, not the optimiser
        word(words, Arrays.stream(Optimizer.values()).map(Optimizer::token).toList())
                .ifPresent(o -> params.putIfAbsent("optimizer", o));
        word(words, Arrays.stream(Activation.values()).map(Activation::token).toList())
                .ifPresent(a -> params.putIfAbsent("activation", a));
        if (!params.containsKey("learning_rate")) {
            trace.column(Trace.LR).ifPresent(lr -> {
                double max = Double.NaN;
                for (int r = 0; r < trace.size(); r++) {
                    if (lr.has(r) && Double.isFinite(lr.get(r)) && !(lr.get(r) <= max)) {
                        max = lr.get(r);
                    }
                }
                if (max > 0) {
                    params.put("learning_rate", max);
                }
            });
        }
        return new Settings(params, seed);
    }

    /** The one word of {@code words} the name holds, if it holds exactly one of them. */
    private static java.util.Optional<String> word(String name, List<String> words) {
        List<String> found = new ArrayList<>();
        Matcher m = WORD.matcher(name);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (words.contains(w) && !found.contains(w)) {
                found.add(w);
            }
        }
        return found.size() == 1 ? java.util.Optional.of(found.get(0)) : java.util.Optional.empty();
    }

    /** A number where the text is one (a whole one for counts), else the text. */
    private static Object value(String knob, String text) {
        try {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                return text;
            }
            if (INTEGER_KNOBS.contains(knob) && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                return (int) d;
            }
            return d;
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
