package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The seeded train/validation/test split. Stratified (classification with {@code data.stratify}), each
 * class is split in the spec's shares on its own, so class proportions match across splits; the counts
 * per class are rounded cumulatively so the totals still match the shares to one row. Every class keeps
 * at least one training row: a class with fewer rows than the shares need is kept for training first,
 * then validation, then test. Without stratification, rows are shuffled and cut; if that leaves a class
 * with no training row the split is rejected, because the model could never learn that class.
 */
final class Splitter {
    private Splitter() {
    }

    /**
     * @param targets    class indices (classification) or values (regression), one per row
     * @param classNames empty for regression
     */
    static DataSplit split(double[] targets, List<String> classNames, DataSpec spec, long seed, String origin) {
        Random rng = new Random(Seeds.derive(seed, "split"));
        int n = targets.length;
        boolean stratified = !classNames.isEmpty() && spec.stratify();
        List<int[]> groups = new ArrayList<>();
        if (stratified) {
            for (int k = 0; k < classNames.size(); k++) {
                final int cls = k;
                groups.add(IntStream.range(0, n).filter(i -> targets[i] == cls).toArray());
            }
        } else {
            groups.add(IntStream.range(0, n).toArray());
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int seen = 0;
        int valSoFar = 0;
        int testSoFar = 0;
        for (int[] group : groups) {
            shuffle(group, rng);
            seen += group.length;
            int nVal = (int) Math.round(seen * spec.validation()) - valSoFar;
            int nTest = (int) Math.round(seen * spec.test()) - testSoFar;
            nVal = Math.max(0, Math.min(nVal, group.length));
            nTest = Math.max(0, Math.min(nTest, group.length - nVal));
            if (stratified && group.length - nVal - nTest < 1 && group.length > 0) {
                if (nTest > 0) {
                    nTest--;
                } else {
                    nVal--;
                }
            }
            valSoFar += nVal;
            testSoFar += nTest;
            for (int i = 0; i < group.length; i++) {
                (i < nVal ? validation : i < nVal + nTest ? test : train).add(group[i]);
            }
        }
        DataSplit split = new DataSplit(shuffled(train, rng), shuffled(validation, rng), shuffled(test, rng),
                List.of(describe(train.size(), validation.size(), test.size(), stratified, seed)));
        checkSizes(split, n, spec, origin);
        if (!classNames.isEmpty()) {
            return withClassChecks(split, targets, classNames, spec, seed, origin);
        }
        return split;
    }

    private static void checkSizes(DataSplit split, int n, DataSpec spec, String origin) {
        String empty = split.train().length == 0 ? "training" : split.validation().length == 0 ? "validation" : null;
        if (empty != null) {
            throw new BadInputException(origin + ": " + n + " rows are too few for data.split " + shares(spec)
                    + ", which leaves the " + empty + " split empty; expected more rows or a larger " + empty + " share");
        }
    }

    private static DataSplit withClassChecks(DataSplit split, double[] targets, List<String> classNames, DataSpec spec,
                                             long seed, String origin) {
        int k = classNames.size();
        int[] total = counts(targets, IntStream.range(0, targets.length).toArray(), k);
        int[] inTrain = counts(targets, split.train(), k);
        int[] inValidation = counts(targets, split.validation(), k);
        int[] inTest = counts(targets, split.test(), k);
        for (int c = 0; c < k; c++) {
            if (inTrain[c] == 0) {
                throw new BadInputException(origin + ": data.split " + shares(spec) + " with stratify: false and seed "
                        + seed + " leaves class " + Cells.quote(classNames.get(c)) + " (" + rows(total[c])
                        + ") out of training; every class needs a training row: set data.stratify: true or add rows of "
                        + Cells.quote(classNames.get(c)));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            boolean noVal = inValidation[c] == 0;
            boolean noTest = inTest[c] == 0 && spec.test() > 0;
            if (noVal || noTest) {
                missing.add(Cells.quote(classNames.get(c)) + " (" + rows(total[c]) + ", none in "
                        + (noVal && noTest ? "validation or test" : noVal ? "validation" : "test") + ")");
            }
        }
        if (missing.isEmpty()) {
            return split;
        }
        List<String> notes = new ArrayList<>(split.notes());
        notes.add("classes missing from a split (every class is in training): "
                + missing.stream().collect(Collectors.joining(", ")));
        return new DataSplit(split.train(), split.validation(), split.test(), notes);
    }

    private static int[] counts(double[] targets, int[] rows, int k) {
        int[] out = new int[k];
        for (int r : rows) {
            out[(int) targets[r]]++;
        }
        return out;
    }

    private static String describe(int train, int validation, int test, boolean stratified, long seed) {
        return "split: " + train + " training, " + validation + " validation, " + test + " test rows"
                + (stratified ? ", stratified by class" : "") + ", fixed by seed " + seed;
    }

    private static String shares(DataSpec spec) {
        return Cells.format(spec.train()) + "/" + Cells.format(spec.validation()) + "/" + Cells.format(spec.test());
    }

    private static String rows(int n) {
        return n == 1 ? "1 row" : n + " rows";
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] shuffled(List<Integer> rows, Random rng) {
        int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
        shuffle(a, rng);
        return a;
    }
}
