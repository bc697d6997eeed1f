package dev.keel.diagnose.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class KeyNumberPairsTest {
    @Test
    void aTestSetLineIsValidationAndACountOfCorrectAnswersIsAnAccuracy() {
        assertThat(KeyNumberPairs.of("Test set: Average loss: 0.0500, Accuracy: 9840/10000 (98%)"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value)
                .containsExactly(tuple(Trace.VAL_LOSS, 0.05), tuple(Trace.VAL_METRIC, 0.984));
    }

    @Test
    void stepsAndEpochsKeepTheirTotals() {
        assertThat(KeyNumberPairs.of("Epoch [2/10], Step [100/600], Loss: 0.2134"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value, KeyNumberPairs.Pair::total)
                .containsExactly(tuple(Trace.EPOCH, 2.0, 10L), tuple(Trace.STEP, 100.0, 600L), tuple(Trace.LOSS, 0.2134, -1L));
    }

    @Test
    void numbersWithUnitsOrWithoutAKeyAreNotPairs() {
        assertThat(KeyNumberPairs.of("469/469 [==============================] - 3s 6ms/step - loss: 0.3100"))
                .extracting(KeyNumberPairs.Pair::key).containsExactly(Trace.LOSS);
        assertThat(KeyNumberPairs.of("iter 100: loss 2.3400, time 20.1ms, mfu 5.2%"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value)
                .containsExactly(tuple(Trace.STEP, 100.0), tuple(Trace.LOSS, 2.34));
    }

    @Test
    void readsPythonDictsAndMultiWordKeys() {
        assertThat(KeyNumberPairs.of("{'loss': 0.52, 'grad_norm': 1.3, 'learning_rate': 4e-05, 'epoch': 0.3}"))
                .extracting(KeyNumberPairs.Pair::key)
                .containsExactly(Trace.LOSS, Trace.TOTAL_GRAD_NORM, Trace.LR, Trace.EPOCH);
        assertThat(KeyNumberPairs.of("step 500: train loss 2.31, val loss 2.40, learning rate 6e-4"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::spelled)
                .containsExactly(tuple(Trace.STEP, "step"), tuple(Trace.LOSS, "train_loss"),
                        tuple(Trace.VAL_LOSS, "val_loss"), tuple(Trace.LR, "learning_rate"));
    }

    @Test
    void percentagesAreFractionsForAccuraciesOnly() {
        assertThat(KeyNumberPairs.of("acc 87.5 | Val Acc: 91.2% | mfu 5.2%"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value)
                .containsExactly(tuple(Trace.TRAIN_METRIC, 0.875), tuple(Trace.VAL_METRIC, 0.912));
    }

    @Test
    void readsAPrintedTensorsValueWithoutItsWrapper() {
        assertThat(KeyNumberPairs.of("epoch 3 loss tensor(0.4127, device='cuda:0', grad_fn=<NllLossBackward0>)"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value)
                .containsExactly(tuple(Trace.EPOCH, 3.0), tuple(Trace.LOSS, 0.4127));
        assertThat(KeyNumberPairs.of("loss: tf.Tensor(0.25, shape=(), dtype=float32)"))
                .extracting(KeyNumberPairs.Pair::value).containsExactly(0.25);
        assertThat(KeyNumberPairs.of("Step: 20 | Loss: Tensor Float []  2.5013e-3"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value)
                .containsExactly(tuple(Trace.STEP, 20.0), tuple(Trace.LOSS, 0.0025013));
        assertThat(KeyNumberPairs.of("val_loss array([0.5], dtype=float32)"))
                .extracting(KeyNumberPairs.Pair::key).containsExactly(Trace.VAL_LOSS);
    }

    @Test
    void readsALossPrintedAfterItsStep() {
        assertThat(KeyNumberPairs.of("Cost after iteration 500: 0.4128"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value)
                .containsExactly(tuple(Trace.STEP, 500.0), tuple(Trace.LOSS, 0.4128));
        assertThat(KeyNumberPairs.of("validation loss at epoch 4/10 = 0.31"))
                .extracting(KeyNumberPairs.Pair::key, KeyNumberPairs.Pair::value)
                .containsExactly(tuple(Trace.EPOCH, 4.0), tuple(Trace.VAL_LOSS, 0.31));
        assertThat(KeyNumberPairs.of("best loss after epoch 7: 0.2")).extracting(KeyNumberPairs.Pair::key)
                .containsExactly(Trace.EPOCH);
        assertThat(KeyNumberPairs.of("2024-01-03 12:04:55 step 3")).extracting(KeyNumberPairs.Pair::key)
                .containsExactly(Trace.STEP);
    }
}
