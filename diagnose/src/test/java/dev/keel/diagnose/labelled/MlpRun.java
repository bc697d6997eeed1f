package dev.keel.diagnose.labelled;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Trains a {@link TinyMlp} on a real dataset the way keel's trainer does (minibatches, a validation split,
 * validation loss once an epoch, per-layer statistics every few steps) and records the trace.
 */
final class MlpRun {
    Dataset data;
    int[] hidden = {32};
    TinyMlp.Act act = TinyMlp.Act.RELU;
    double initSd = Double.NaN;
    TinyMlp.Opt opt = TinyMlp.Opt.SGD;
    IntToDoubleFunction lr = step -> 0.05;
    int batch = 32;
    int epochs = 10;
    int maxSteps = Integer.MAX_VALUE;
    long seed = 1;
    boolean perLayer = true;
    int statsEvery = 1;

    TinyMlp model;

    MlpRun(Dataset data) {
        this.data = data;
    }

    /** Small datasets (iris, breast_cancer) get more epochs of smaller batches, so runs have enough steps. */
    void onSmallData(int smallEpochs) {
        if (data.x().length < 700) {
            epochs = smallEpochs;
            batch = 16;
        }
    }

    Trace run() {
        Random rnd = new Random(seed);
        int n = data.x().length;
        int[] order = shuffled(n, rnd);
        int valSize = Math.max(1, n / 5);
        int[] val = java.util.Arrays.copyOfRange(order, 0, valSize);
        int[] train = java.util.Arrays.copyOfRange(order, valSize, n);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = data.features();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = data.classes() > 0 ? data.classes() : 1;
        model = new TinyMlp(sizes, act, initSd, rnd);
        List<String> layerNames = new ArrayList<>();
        for (int l = 0; l < model.layers(); l++) {
            layerNames.add(l == model.layers() - 1 ? "output" : "dense_" + l);
        }
        List<String> columns = new ArrayList<>(List.of(Trace.EPOCH, Trace.LOSS, Trace.LR, Trace.VAL_LOSS));
        if (perLayer) {
            for (String kind : Trace.LAYER_KINDS) {
                if (kind.equals(Trace.DEAD_FRACTION) && act != TinyMlp.Act.RELU
                        || kind.equals(Trace.SATURATED_FRACTION) && act == TinyMlp.Act.RELU) {
                    continue;
                }
                for (String layer : layerNames) {
                    columns.add(kind + "/" + layer);
                }
            }
        }
        Trace.Builder trace = Trace.builder(columns);
        int step = 0;
        outer:
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] perm = shuffled(train.length, rnd);
            for (int start = 0; start + batch <= train.length; start += batch) {
                int[] idx = new int[batch];
                for (int k = 0; k < batch; k++) {
                    idx[k] = train[perm[start + k]];
                }
                double rate = lr.applyAsDouble(step);
                double loss = model.step(data, idx, opt, rate);
                trace.addRow(step).set(Trace.EPOCH, epoch).set(Trace.LOSS, loss).set(Trace.LR, rate);
                boolean lastOfEpoch = start + 2 * batch > train.length;
                if (lastOfEpoch) {
                    trace.set(Trace.VAL_LOSS, model.loss(data, val));
                }
                if (perLayer && step % statsEvery == 0) {
                    for (int l = 0; l < model.layers(); l++) {
                        String name = layerNames.get(l);
                        trace.set(Trace.GRAD_NORM + "/" + name, model.gradNorm[l]);
                        trace.set(Trace.UPDATE_RATIO + "/" + name, model.updateRatio[l]);
                        trace.set(Trace.PARAM_NORM + "/" + name, model.paramNorm(l));
                        int c = trace.columnIndex(Trace.DEAD_FRACTION + "/" + name);
                        if (c >= 0) {
                            trace.set(c, model.deadFraction[l]);
                        }
                        c = trace.columnIndex(Trace.SATURATED_FRACTION + "/" + name);
                        if (c >= 0) {
                            trace.set(c, model.saturatedFraction[l]);
                        }
                    }
                }
                if (++step >= maxSteps) {
                    break outer;
                }
            }
        }
        return trace.build();
    }

    static int[] shuffled(int n, Random rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
