package dev.keel.diagnose.trace;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns printed lines into {@link PrintedRecord}s: {@link KeyNumberPairs} on every line, plus the few shapes whose
 * numbers have no key or whose rows mean something known. Keras' progress line ({@code 469/469 [===] - 3s - loss:
 * 0.31}) holds the epoch's running mean; the PyTorch CIFAR tutorial's {@code [1,  2000] loss: 2.203} is epoch and
 * batch, its loss the mean since the last print; a tqdm bar ({@code Epoch 0: 100%|██| 20/20 [..., loss=0.5]}) is
 * redrawn, so the reader keeps one row of it an epoch; a Hugging Face log line is a Python dict whose loss is the mean over
 * {@code logging_steps}; and tables come under a header ({@link PrintedTable}). One parser reads one file, in order,
 * because a table's rows need the header above them.
 */
final class PrintedRecordParser {
    private static final Pattern CIFAR = Pattern.compile("^\\s*\\[\\s*(\\d+),\\s*(\\d+)\\]");
    private static final Pattern KERAS = Pattern.compile("^\\s*\\d+/\\d+\\s.*?\\s-\\s+\\w*loss:\\s");
    /** A tqdm bar ({@code Epoch 0: 100%|████| 20/20}), as PyTorch Lightning draws it. */
    private static final Pattern BAR = Pattern.compile("\\d+%\\|");
    private static final Pattern DICT = Pattern.compile("^\\s*\\{\\s*['\"]");
    /** Hugging Face's closing summary, whose train_loss is the whole run's mean, not a row. */
    private static final Pattern SUMMARY = Pattern.compile("['\"]train_runtime['\"]");

    private PrintedTable table;
    /** One instance of each spelling map, shared by the lines that spell alike: a log can have a million lines. */
    private final Map<Map<String, String>, Map<String, String>> spellings = new HashMap<>();

    /** The record of line {@code lineNo}, or null when it says nothing keel reads (or is a table's header). */
    PrintedRecord parse(int lineNo, String text) {
        if (text.contains("train_runtime") && SUMMARY.matcher(text).find()) {
            return null;
        }
        PrintedTable header = PrintedTable.header(lineNo, text);
        if (header != null) {
            table = header;
            return null;
        }
        if (table != null) {
            PrintedRecord row = table.row(this, lineNo, text);
            if (row != null) {
                return row;
            }
        }
        Map<String, Double> values = new HashMap<>();
        Map<String, String> spelled = new HashMap<>();
        long stepTotal = -1;
        for (KeyNumberPairs.Pair p : KeyNumberPairs.of(text)) {
            String previous = spelled.get(p.key());
            if (previous != null && !(isEpochAggregate(previous) && !isEpochAggregate(p.spelled()))) {
                continue; // Lightning's train_loss_step beats train_loss_epoch; otherwise the first stays
            }
            values.put(p.key(), p.value());
            spelled.put(p.key(), p.spelled());
            if (p.key().equals(Trace.STEP)) {
                stepTotal = p.total();
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        String shape = "pairs";
        String lossRows = null;
        Matcher cifar = CIFAR.matcher(text);
        if (cifar.lookingAt()) {
            shape = "cifar";
            values.putIfAbsent(Trace.EPOCH, Double.parseDouble(cifar.group(1)));
            values.putIfAbsent(Trace.STEP, Double.parseDouble(cifar.group(2)));
            lossRows = Trace.LOSS_ROWS_WINDOW_MEAN;
        } else if (KERAS.matcher(text).lookingAt()) {
            shape = "keras";
            lossRows = Trace.LOSS_ROWS_EPOCH_MEAN;
        } else if (BAR.matcher(text).find()) {
            shape = "bar";
        } else if (DICT.matcher(text).lookingAt()) {
            shape = "dict";
            if (values.containsKey(Trace.LR) && values.containsKey(Trace.EPOCH)) {
                lossRows = Trace.LOSS_ROWS_WINDOW_MEAN; // the Trainer logs loss with learning_rate and epoch
            }
        }
        return record(lineNo, values, spelled, stepTotal, shape, lossRows);
    }

    PrintedRecord record(int lineNo, Map<String, Double> values, Map<String, String> spelled, long stepTotal,
                         String shape, String lossRows) {
        double[] slots = new double[PrintedRecord.COLUMNS.size()];
        int present = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            int i = PrintedRecord.slot(e.getKey());
            slots[i] = e.getValue();
            present |= 1 << i;
        }
        Map<String, String> shared = spellings.computeIfAbsent(Map.copyOf(spelled), s -> s);
        return new PrintedRecord(lineNo, slots, present, shared, stepTotal, shape.intern(), lossRows);
    }

    private static boolean isEpochAggregate(String spelled) {
        return spelled.endsWith("_epoch");
    }
}
