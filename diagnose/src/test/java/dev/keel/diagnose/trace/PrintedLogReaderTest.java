package dev.keel.diagnose.trace;

import dev.keel.diagnose.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

import static dev.keel.diagnose.trace.TraceReaderTest.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Printed training output, as each tool prints it (fixtures under src/test/resources/formats). */
class PrintedLogReaderTest {
    @TempDir
    Path dir;

    private Trace read(String name, String text) throws IOException {
        return TraceReader.read(Files.writeString(dir.resolve(name), text));
    }

    private static double[] column(Trace t, String name) {
        Trace.Column c = t.column(name).orElseThrow(() -> new AssertionError("no column " + name));
        return IntStream.range(0, t.size()).mapToDouble(i -> c.has(i) ? c.get(i) : -1).toArray();
    }

    @Test
    void readsKerasProgressBarsRedrawnWithBackspacesOneRowAnEpochPastWarningsAndTheModelSummary() throws IOException {
        Trace t = TraceReader.read(format("keras_fit.txt"));
        assertThat(t.steps()).containsExactly(1, 2, 3, 4, 5);
        assertThat(column(t, Trace.LOSS)).containsExactly(0.52, 0.3431, 0.269, 0.2263, 0.198);
        assertThat(column(t, Trace.VAL_LOSS)).containsExactly(0.4836, 0.3191, 0.2502, 0.2505, 0.2341);
        assertThat(column(t, Trace.VAL_METRIC)[4]).isEqualTo(0.9429);
        assertThat(column(t, Trace.TRAIN_METRIC)[0]).isEqualTo(0.85);
        assertThat(t.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN)
                .containsEntry("val_metric", "accuracy").containsEntry("train_metric", "accuracy");
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void readsKeras3ColouredBarsAndIgnoresCheckpointAndEarlyStoppingMessages() throws IOException {
        Trace t = TraceReader.read(format("keras3_fit.log"));
        assertThat(t.steps()).containsExactly(1, 2, 3, 4);
        assertThat(column(t, Trace.LOSS)).containsExactly(0.9, 0.45, 0.3, 0.225);
        assertThat(column(t, Trace.VAL_LOSS)[0]).isEqualTo(0.99);
        assertThat(column(t, Trace.LR)).containsOnly(0.001);
    }

    @Test
    void readsKerasVerbose2LinesWithoutProgressBars() throws IOException {
        Trace t = read("fit.log", """
                Epoch 1/3
                1875/1875 - 4s - loss: 0.2950 - accuracy: 0.9145 - val_loss: 0.1420 - val_accuracy: 0.9580 - 4s/epoch - 2ms/step
                Epoch 2/3
                1875/1875 - 3s - loss: 0.1421 - accuracy: 0.9577 - val_loss: 0.1049 - val_accuracy: 0.9681 - 3s/epoch - 2ms/step
                Epoch 3/3
                1875/1875 - 3s - loss: 0.1068 - accuracy: 0.9679 - val_loss: nan - val_accuracy: 0.0980 - 3s/epoch - 2ms/step
                """);
        assertThat(t.steps()).containsExactly(1, 2, 3);
        assertThat(column(t, Trace.LOSS)).containsExactly(0.295, 0.1421, 0.1068);
        assertThat(column(t, Trace.VAL_LOSS)[2]).isNaN();
    }

    @Test
    void readsThePyTorchMnistExampleWithItsTestSetAsValidation() throws IOException {
        Trace t = TraceReader.read(format("pytorch_mnist.log"));
        assertThat(t.size()).isEqualTo(30);
        assertThat(t.steps()).startsWith(1, 2, 3).endsWith(30);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(2.329715);
        assertThat(column(t, Trace.EPOCH)).startsWith(1, 1).endsWith(3);
        double[] val = column(t, Trace.VAL_LOSS);
        assertThat(val[9]).as("the test set after epoch 1 goes to its last row").isEqualTo(0.1);
        assertThat(val[8]).isEqualTo(-1);
        assertThat(column(t, Trace.VAL_METRIC)[9]).as("Accuracy: 9750/10000").isEqualTo(0.975);
        assertThat(t.metadata()).containsEntry("val_metric", "accuracy");
        assertThat(t.notes()).containsExactly(
                "several loss lines an epoch and no step that keeps increasing: lines read in order, one step each");
    }

    @Test
    void readsTheCifarTutorialsRunningLossAndSkipsItsClosingAccuracy() throws IOException {
        Trace t = TraceReader.read(format("pytorch_cifar.txt"));
        assertThat(t.size()).isEqualTo(12);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(2.0);
        assertThat(column(t, Trace.EPOCH)[6]).isEqualTo(2);
        assertThat(t.column(Trace.VAL_METRIC)).isEmpty();
        assertThat(t.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_WINDOW_MEAN);
    }

    @Test
    void laysStepsCountedWithinEachEpochEndToEnd() throws IOException {
        Trace t = TraceReader.read(format("pytorch_steps.out"));
        assertThat(t.steps()).startsWith(100, 200).contains(600, 700).endsWith(1800);
        assertThat(column(t, Trace.LOSS)[6]).isEqualTo(0.125);
        assertThat(t.notes()).containsExactly("the step count starts again every epoch: step read as (epoch - 1) x 600 + step");
    }

    @Test
    void readsHuggingFaceLogDictsBetweenProgressBarsAndSkipsTheClosingSummary() throws IOException {
        Trace t = TraceReader.read(format("hf_trainer.log"));
        assertThat(t.size()).isEqualTo(15);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(0.818);
        assertThat(column(t, Trace.LOSS)).doesNotContain(0.4123);
        assertThat(column(t, Trace.TOTAL_GRAD_NORM)[0]).isEqualTo(3.6793);
        assertThat(column(t, Trace.LR)[14]).isZero();
        assertThat(column(t, Trace.EPOCH)[4]).isEqualTo(1.0);
        assertThat(column(t, Trace.VAL_LOSS)[4]).as("eval after step 125 goes to the row logged at 125").isEqualTo(0.4);
        assertThat(column(t, Trace.VAL_METRIC)[14]).isEqualTo(0.86);
        assertThat(t.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_WINDOW_MEAN);
    }

    @Test
    void readsLightningProgressBarsRedrawnAcrossEpochsOneRowAnEpoch() throws IOException {
        Trace t = TraceReader.read(format("lightning.log"));
        assertThat(t.steps()).containsExactly(0, 1, 2);
        assertThat(column(t, Trace.LOSS)).as("the per-step loss, not the epoch mean").containsExactly(0.805, 0.357, 0.208);
        assertThat(column(t, Trace.VAL_LOSS)).containsExactly(0.85, 0.425, 0.283);
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void readsNanoGptIterationsAndPutsEachEvaluationAtItsStep() throws IOException {
        Trace t = TraceReader.read(format("nanogpt.txt"));
        assertThat(t.size()).isEqualTo(51);
        assertThat(t.steps()).startsWith(0, 10, 20).endsWith(500);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(5.65);
        double[] val = column(t, Trace.VAL_LOSS);
        assertThat(val[0]).isEqualTo(5.7);
        assertThat(val[25]).isEqualTo(2.0505);
        assertThat(Arrays.stream(val).filter(v -> v >= 0).count()).isEqualTo(3);
        assertThat(t.notes()).containsExactly("the loss is read from the 51 lines like line 11; 3 other lines with a"
                + " loss, like line 10, left out (their validation values kept)");
    }

    @Test
    void readsAFastaiTablePrintedInATerminal() throws IOException {
        Trace t = TraceReader.read(format("fastai_console.txt"));
        assertThat(t.steps()).containsExactly(0, 1, 2, 3);
        assertThat(column(t, Trace.LOSS)).containsExactly(0.9, 0.45, 0.3, 0.225);
        assertThat(column(t, Trace.VAL_LOSS)).as("#na# is no value").containsExactly(-1, 0.3, 0.2, 0.15);
        assertThat(column(t, Trace.VAL_METRIC)).as("fastai's metrics are on validation").startsWith(0.8);
        assertThat(t.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EMA);
    }

    @Test
    void readsAHeaderPrintedByHandInADecorationAndCommasAboveTabSeparatedNumbers() throws IOException {
        Trace t = TraceReader.read(format("header_per_epoch.txt"));
        assertThat(t.steps()).as("the epoch of the line above").containsExactly(1, 2, 3, 4, 5);
        assertThat(column(t, Trace.LOSS)).containsExactly(1.4021, 1.1187, 0.9342, 0.8015, 0.7123);
        assertThat(column(t, Trace.VAL_LOSS)[4]).isEqualTo(0.9602);
        assertThat(column(t, Trace.VAL_METRIC)[0]).as("an accuracy in percent").isCloseTo(0.451, within(1e-12));
        assertThat(column(t, Trace.TRAIN_METRIC)[4]).isCloseTo(0.719, within(1e-12));
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void readsFastaisFineTuneTablesAsTwoRunsAndKeepsTheLonger() throws IOException {
        Trace t = read("fine_tune.txt", """
                epoch     train_loss  valid_loss  error_rate  time
                0         0.912341    0.410222    0.130000    00:21
                epoch     train_loss  valid_loss  error_rate  time
                0         0.401234    0.301234    0.101000    00:27
                1         0.301111    0.254321    0.080000    00:27
                2         0.210987    0.243210    0.075000    00:27
                """);
        assertThat(t.steps()).containsExactly(0, 1, 2);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(0.401234);
        assertThat(t.notes()).containsExactly(
                "the log holds 2 runs (the steps or epochs start again at line 4): read the longest, 3 rows from line 4 to 6");
    }

    @Test
    void readsGenericPrints() throws IOException {
        Trace spaced = read("a.txt", "epoch 1 loss 0.52 acc 0.81\nepoch 2 loss 0.31 acc 0.88\nepoch 3 loss 0.23 acc 0.9\n");
        assertThat(spaced.steps()).containsExactly(1, 2, 3);
        assertThat(column(spaced, Trace.TRAIN_METRIC)).containsExactly(0.81, 0.88, 0.9);

        Trace piped = read("b.log", """
                Epoch: 1 | Train Loss: 0.512 | Val Loss: 0.47 | Val Acc: 85.1%
                Epoch: 2 | Train Loss: 0.231 | Val Loss: 0.25 | Val Acc: 91.2%
                """);
        assertThat(column(piped, Trace.LOSS)).containsExactly(0.512, 0.231);
        assertThat(column(piped, Trace.VAL_LOSS)).containsExactly(0.47, 0.25);
        assertThat(column(piped, Trace.VAL_METRIC)).containsExactly(0.851, 0.912);

        Trace equals = read("c.out", "loss=0.9\nloss=0.7\nloss=nan\n");
        assertThat(equals.steps()).containsExactly(1, 2, 3);
        assertThat(column(equals, Trace.LOSS)[2]).isNaN();
        assertThat(equals.notes()).containsExactly("no step or epoch in the log: loss lines read in order, one step each");

        Trace colon = read("d.txt", "Loss: 0.23\nLoss: 0.21\n");
        assertThat(column(colon, Trace.LOSS)).containsExactly(0.23, 0.21);
    }

    @Test
    void readsPrintedTensorsAsTheirValue() throws IOException {
        Trace t = TraceReader.read(format("hasktorch.txt"));
        assertThat(t.steps()).startsWith(50, 100).endsWith(500).hasSize(10);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(0.10865);
        assertThat(column(t, Trace.LOSS)[9]).isEqualTo(6.0093e-05);

        Trace torch = read("lora.log", """
                epoch 1 step 10 loss tensor(2.3419, device='cuda:0', grad_fn=<NllLossBackward0>)
                epoch 1 step 20 loss tensor(2.1007, device='cuda:0', grad_fn=<NllLossBackward0>)
                """);
        assertThat(column(torch, Trace.LOSS)).containsExactly(2.3419, 2.1007);
    }

    @Test
    void readsValidationPrintedOnItsOwnLineAsTheTransferLearningTutorialDoes() throws IOException {
        Trace t = read("finetune.txt", """
                Epoch 0/2
                ----------
                train Loss: 0.6012 Acc: 0.6721
                val Loss: 0.2546 Acc: 0.9085

                Epoch 1/2
                ----------
                train Loss: 0.4470 Acc: 0.7951
                val Loss: 0.2213 Acc: 0.9281

                Training complete in 1m 7s
                Best val Acc: 0.928105
                """);
        assertThat(t.steps()).containsExactly(0, 1);
        assertThat(column(t, Trace.LOSS)).containsExactly(0.6012, 0.447);
        assertThat(column(t, Trace.TRAIN_METRIC)).containsExactly(0.6721, 0.7951);
        assertThat(column(t, Trace.VAL_LOSS)).containsExactly(0.2546, 0.2213);
        assertThat(column(t, Trace.VAL_METRIC)).containsExactly(0.9085, 0.9281);
    }

    @Test
    void skipsTracebacksWarningsShapesAndDownloadBars() throws IOException {
        Trace t = read("noisy.log", """
                Downloading http://yann.lecun.com/exdb/mnist/train-images-idx3-ubyte.gz
                100%|██████████| 9912422/9912422 [00:00<00:00, 30.1MB/s]
                /usr/lib/python3/site-packages/torch/nn/functional.py:1331: UserWarning: dropout2d: Received a 2-D input
                torch.Size([64, 1, 28, 28])
                step 1 loss 2.30
                step 2 loss 1.90
                Traceback (most recent call last):
                  File "train.py", line 57, in <module>
                    loss.backward()
                RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 7.79 GiB total capacity)
                """);
        assertThat(t.steps()).containsExactly(1, 2);
        assertThat(column(t, Trace.LOSS)).containsExactly(2.3, 1.9);
        assertThat(t.columns()).extracting(Trace.Column::name).containsExactly(Trace.LOSS);
    }

    @Test
    void keepsTheLongestRunWhenTheStepsStartAgain() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i <= 30; i += 10) {
            log.append("iter ").append(i).append(": loss 9.0\n");
        }
        log.append("Traceback (most recent call last):\nKeyboardInterrupt\n");
        for (int i = 0; i <= 90; i += 10) {
            log.append("iter ").append(i).append(": loss ").append(3 - i / 100.0).append('\n');
        }
        Trace t = read("restarted.log", log.toString());
        assertThat(t.steps()).startsWith(0, 10).endsWith(90).hasSize(10);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(3.0);
        assertThat(t.notes()).containsExactly(
                "the log holds 2 runs (the steps or epochs start again at line 7): read the longest, 10 rows from line 7 to 16");
    }

    @Test
    void readsLinesOfOneNumberAsTheLossWhenTheLogNamesNone() throws IOException {
        Trace t = TraceReader.read(format("printed_losses.txt"));
        assertThat(t.size()).isEqualTo(15);
        assertThat(column(t, Trace.LOSS)[0]).isEqualTo(2.131953);
        assertThat(column(t, Trace.EPOCH)).as("the epoch printed above").startsWith(1, 1).endsWith(3);
        assertThat(t.notes()).containsExactly(
                "no loss named in the log: its 15 lines of one number each (or a printed tensor), like line 4, read as"
                        + " the loss",
                "several loss lines an epoch and no step that keeps increasing: lines read in order, one step each");

        Trace tensors = TraceReader.read(format("pytorch_tensor_losses.txt"));
        assertThat(tensors.steps()).startsWith(1, 2).hasSize(10);
        assertThat(column(tensors, Trace.LOSS)[0]).isEqualTo(3.2395);
        assertThat(column(tensors, Trace.LOSS)[9]).isNaN();
    }

    @Test
    void takesTheFirstOfTwoQuantitiesPrintedInTurnAtVeryDifferentScales() throws IOException {
        Trace t = TraceReader.read(format("loss_and_accuracy.txt"));
        assertThat(column(t, Trace.LOSS)).containsExactly(2.2871, 1.9532, 1.6044, 1.3381, 1.1519, 1.0233, 0.9345);
        assertThat(t.notes()).first().asString().startsWith("no loss named in the log: its lines of one number"
                + " alternate between two scales (lines like 1 between 0.9345 and 2.287, lines like 2 between 14.20 and"
                + " 68.40)");

        Trace swinging = read("swings.txt", "2.3\n46.5\n2.0\n72.3\n1.9\n15.2\n2.0\n1934\n1.7\n1.5\n2.3\n");
        assertThat(swinging.size()).as("one quantity that swings: 1.5 breaks the alternation").isEqualTo(11);
    }

    @Test
    void readsRowsOfNumbersWithoutAHeader() throws IOException {
        Trace fastai = TraceReader.read(format("fastai_no_header.txt"));
        assertThat(fastai.steps()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(column(fastai, Trace.LOSS)[0]).isEqualTo(0.9123);
        assertThat(column(fastai, Trace.VAL_LOSS)[5]).isEqualTo(0.4388);
        assertThat(fastai.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EMA);
        assertThat(fastai.notes()).containsExactly("no header in the log: its 6 rows of numbers ending in a time (like"
                + " line 1), as fastai prints its epoch table, read as epoch, train_loss, valid_loss (the metrics after"
                + " them not read)");

        Trace steps = read("steps.txt", "100 2.31 0.10\n200 2.05 0.21\n300 1.92 0.28\n");
        assertThat(steps.steps()).containsExactly(100, 200, 300);
        assertThat(column(steps, Trace.LOSS)).containsExactly(2.31, 2.05, 1.92);

        Path counts = Files.writeString(dir.resolve("sizes.txt"), "60000\n10000\n784\n");
        assertThatThrownBy(() -> TraceReader.read(counts)).as("whole numbers are counts, not a loss")
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(counts + ": no training loss found");
    }

    @Test
    void judgesPrintedValidationLossesWhenNoTrainingLossIsPrinted() throws IOException {
        Trace t = read("eval.log", "Epoch 1 | val_loss: 0.91 | val_acc: 0.62\nEpoch 2 | val_loss: 0.74 | val_acc: 0.70\n");
        assertThat(t.steps()).containsExactly(1, 2);
        assertThat(column(t, Trace.LOSS)).containsExactly(0.91, 0.74);
        assertThat(column(t, Trace.VAL_METRIC)).containsExactly(0.62, 0.7);
        assertThat(t.notes()).containsExactly("no training loss in the log: the validation loss ('val_loss') is judged"
                + " as the loss");
    }

    @Test
    void aTextFileWithoutALossIsOneErrorLine() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "remember to try a smaller learning rate\nval_loss: 0.3\n");
        assertThatThrownBy(() -> TraceReader.read(notes)).isInstanceOf(BadInputException.class).hasMessage(notes
                + ": no training loss found (only validation losses), expected a printed training log with 'loss' values"
                + " (like 'loss: 0.31' or 'Epoch 3 ... loss=0.31')");
        Path empty = Files.writeString(dir.resolve("empty.log"), "");
        assertThatThrownBy(() -> TraceReader.read(empty)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(empty + ": no training loss found, expected a printed training log");
    }

    @Test
    void stillReadsCsvAndJsonWhateverTheExtension() throws IOException {
        assertThat(read("training.log", "epoch,loss\n0,0.5\n1,0.4\n").steps()).containsExactly(0, 1);
        assertThat(read("run.out", "{\"step\": 3, \"loss\": 0.5}\n").steps()).containsExactly(3);
        assertThat(read("cifar.txt", "[1,  2000] loss: 2.203\n[1,  4000] loss: 1.901\n").size()).isEqualTo(2);
        assertThat(read("hf.txt", "{'loss': 0.52, 'learning_rate': 4e-05, 'epoch': 0.3}\n").size()).isEqualTo(1);
    }
}
