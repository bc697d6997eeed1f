package dev.keel.diagnose.trace;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keel.diagnose.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TraceReaderTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        ((Logger) LoggerFactory.getLogger(TraceReader.class)).addAppender(warnings);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(TraceReader.class)).detachAppender(warnings);
    }

    /** A fixture under src/test/resources/formats, written in the style of the tool that makes such files. */
    static Path format(String name) {
        return Path.of("src/test/resources/formats", name);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void metadataValuesWithSpacesSurviveAWriteAndReadRoundTrip() throws IOException {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        b.metadata("early_stopping", "{patience: 5, min_delta: 1.0E-4}").metadata("optimizer", "sgd");
        b.addRow(1).set(0, 2.3);
        StringWriter csv = new StringWriter();
        TraceCsvWriter.write(b.build(), csv);
        Path file = Files.writeString(dir.resolve("t.csv"), csv + "");
        Path foreign = Files.writeString(dir.resolve("f.csv"), "# optimizer=sgd learning_rate=0.5\nstep,loss\n1,2\n");

        assertThat(TraceReader.read(file).metadata())
                .containsEntry("early_stopping", "{patience: 5, min_delta: 1.0E-4}").containsEntry("optimizer", "sgd");
        assertThat(TraceReader.read(foreign).metadata())
                .containsEntry("optimizer", "sgd").containsEntry("learning_rate", "0.5");
    }

    @Test
    void readsKeelCsvWithMetadataAbsentCellsAndEveryNonFiniteSpelling() throws IOException {
        Trace t = TraceReader.read(write("t.csv", """
                # optimizer=sgd learning_rate=0.5
                step,loss,val_loss,grad_norm/dense_0
                0,2.3,,0.5
                1,nan,2.1,inf
                2,-Infinity,,+inf
                3,NAN,,-inf
                """));
        assertThat(t.metadata()).containsEntry("optimizer", "sgd").containsEntry("learning_rate", "0.5");
        assertThat(t.steps()).containsExactly(0, 1, 2, 3);
        assertThat(t.loss().get(1)).isNaN();
        assertThat(t.loss().get(2)).isEqualTo(Double.NEGATIVE_INFINITY);
        Trace.Column val = t.column("val_loss").orElseThrow();
        assertThat(val.has(0)).isFalse();
        assertThat(val.has(1)).isTrue();
        assertThat(t.layerColumn("grad_norm", "dense_0").orElseThrow().get(3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(t.layers()).containsExactly("dense_0");
    }

    @Test
    void toleratesQuotedCellsAndAByteOrderMark() throws IOException {
        Trace t = TraceReader.read(write("q.csv", "\uFEFF\"step\",\"loss\",\"note, with comma\"\n\"1\",\"0.5\",\"a,b\"\n"));
        assertThat(t.steps()).containsExactly(1);
        assertThat(t.loss().get(0)).isEqualTo(0.5);
        assertThat(t.column("note, with comma")).isEmpty();
    }

    @Test
    void readsAKerasCsvLoggerFileWithTheEpochAsStep() throws IOException {
        Trace t = TraceReader.read(write("training.log", """
                epoch,accuracy,loss,lr,val_accuracy,val_loss
                0,0.41,1.52,0.001,0.55,1.31
                1,0.62,1.10,0.001,0.66,1.02
                """));
        assertThat(t.steps()).containsExactly(0, 1);
        assertThat(t.loss().get(1)).isEqualTo(1.10);
        assertThat(t.column("val_metric").orElseThrow().get(0)).isEqualTo(0.55);
        assertThat(t.column("lr")).isPresent();
        assertThat(t.column(Trace.TRAIN_METRIC).orElseThrow().get(1)).isEqualTo(0.62);
        assertThat(t.metadata()).containsEntry("val_metric", "accuracy").containsEntry("train_metric", "accuracy")
                .containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN);
        assertThat(warnings.list).isEmpty();
    }

    @Test
    void readsEverySpellingOfAccuracyAsTrainingOrValidationMetric() throws IOException {
        for (String header : List.of("step,loss,acc,val_acc", "step,loss,train_acc,eval_accuracy",
                "step,loss,categorical_accuracy,valid_accuracy", "_step,train/loss,train/accuracy,val/acc",
                "step,loss,sparse_categorical_accuracy,val_sparse_categorical_accuracy",
                "step,loss,binary_accuracy,validation_accuracy", "step,loss,train_accuracy,test_acc")) {
            Trace t = TraceReader.read(write("acc.csv", header + "\n1,0.5,0.7,0.6\n"));
            assertThat(t.column(Trace.TRAIN_METRIC)).as(header).hasValueSatisfying(c -> assertThat(c.get(0)).isEqualTo(0.7));
            assertThat(t.column(Trace.VAL_METRIC)).as(header).hasValueSatisfying(c -> assertThat(c.get(0)).isEqualTo(0.6));
            assertThat(t.metadata()).as(header).containsEntry("val_metric", "accuracy")
                    .containsEntry("train_metric", "accuracy").doesNotContainKey(Trace.LOSS_ROWS);
        }
        Trace given = TraceReader.read(write("given.csv", "# val_metric=top1\nstep,loss,val_acc\n1,0.5,0.6\n"));
        assertThat(given.metadata()).containsEntry("val_metric", "top1");
        Trace both = TraceReader.read(write("both.csv", "step,loss,test_loss,val_loss\n1,0.5,0.9,0.6\n"));
        assertThat(both.column("val_loss").orElseThrow().get(0)).as("validation beats a test set").isEqualTo(0.6);
    }

    @Test
    void readsAPlainGradNormAsTheTotalGradientNormAndASlashedOneAsALayers() throws IOException {
        Trace t = TraceReader.read(write("g.csv", "step,loss,grad_norm,grad_norm/dense_0\n1,0.5,3.5,0.2\n"));
        assertThat(t.column(Trace.TOTAL_GRAD_NORM).orElseThrow().get(0)).isEqualTo(3.5);
        assertThat(t.layerColumn(Trace.GRAD_NORM, "dense_0").orElseThrow().get(0)).isEqualTo(0.2);
        assertThat(t.layers()).containsExactly("dense_0");
    }

    @Test
    void readsATensorBoardScalarExportWithoutWarning() throws IOException {
        Trace t = TraceReader.read(write("run-train-tag-loss.csv", """
                Wall time,Step,Value
                1700000000.1,10,0.9
                1700000001.2,20,0.7
                """));
        assertThat(t.steps()).containsExactly(10, 20);
        assertThat(t.loss().get(1)).isEqualTo(0.7);
        assertThat(t.columns()).extracting(Trace.Column::name).containsExactly("loss");
        assertThat(warnings.list).isEmpty();
    }

    @Test
    void readsMetricsWrittenOneValueARowAsColumns() throws IOException {
        // MLflow's metric history: key,value,step,timestamp
        Trace mlflow = TraceReader.read(write("history.csv", """
                key,value,step,timestamp
                train_loss,0.9,0,1700000000000
                val_loss,1.0,0,1700000000001
                train_loss,0.7,1,1700000000002
                train_loss,0.5,2,1700000000003
                val_loss,0.8,2,1700000000004
                """));
        assertThat(mlflow.steps()).containsExactly(0, 1, 2);
        assertThat(mlflow.loss().get(2)).isEqualTo(0.5);
        assertThat(mlflow.column("val_loss").orElseThrow().has(1)).isFalse();
        assertThat(mlflow.column("val_loss").orElseThrow().get(2)).isEqualTo(0.8);
        assertThat(mlflow.notes()).anyMatch(n -> n.startsWith("one metric a row"));
        // a TensorBoard scalars frame with two runs: the first is read, and the note says the other was left out
        Trace tensorboard = TraceReader.read(write("scalars.csv", """
                run,tag,step,value
                version_0,train/loss,10,0.9
                version_0,train/loss,20,0.6
                version_1,train/loss,10,5.0
                version_1,train/loss,20,4.0
                """));
        assertThat(tensorboard.steps()).containsExactly(10, 20);
        assertThat(tensorboard.loss().get(1)).isEqualTo(0.6);
        assertThat(tensorboard.notes()).anyMatch(n -> n.contains("1 other run in the file left out"));
    }

    @Test
    void mapsPyTorchSpellingsAndMergesLightningRowsOfOneStep() throws IOException {
        Trace t = TraceReader.read(write("metrics.csv", """
                epoch,iteration,train_loss,val_loss
                0,49,0.8,
                0,49,,0.9
                1,99,0.6,
                """));
        assertThat(t.steps()).containsExactly(49, 99);
        assertThat(t.loss().get(0)).isEqualTo(0.8);
        assertThat(t.column("val_loss").orElseThrow().get(0)).isEqualTo(0.9);
    }

    @Test
    void prefersLightningsPerStepLossToItsEpochMeanAndReadsItsLearningRateMonitor() throws IOException {
        // PyTorch Lightning's CSVLogger sorts its columns: the epoch mean comes before the per-step value.
        Trace t = TraceReader.read(write("metrics.csv", """
                epoch,lr-Adam,step,train_loss_epoch,train_loss_step,val_acc,val_loss
                0,0.001,9,,2.1,,
                0,,19,,1.9,,
                0,,19,2.0,,0.4,1.8
                1,0.001,29,,1.5,,
                """));
        assertThat(t.steps()).containsExactly(9, 19, 29);
        assertThat(t.loss().get(1)).isEqualTo(1.9);
        assertThat(t.column("val_metric").orElseThrow().get(1)).isEqualTo(0.4);
        assertThat(t.column("val_loss").orElseThrow().get(1)).isEqualTo(1.8);
        assertThat(t.column("lr").orElseThrow().get(0)).isEqualTo(0.001);
        assertThat(warnings.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .asString().contains("train_loss_epoch");
    }

    @Test
    void readsLightningsEpochMeanWhenItsPerStepLossIsSparserAndNeverItsPerBatchValidation() throws IOException {
        // on_step and on_epoch for training and validation, 10 steps an epoch, log_every_n_steps=50: the per-step
        // loss has 2 values, the epoch mean 10, and val_loss_step counts validation batches (0, 1, 2, ...).
        Trace t = TraceReader.read(format("lightning_metrics.csv"));
        assertThat(t.steps()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(t.loss().get(0)).isEqualTo(0.912);
        assertThat(t.column(Trace.VAL_LOSS).orElseThrow().get(9)).isEqualTo(0.4205);
        assertThat(t.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN);
        assertThat(t.notes()).containsExactly(
                "Lightning's per-batch validation ('val_loss_step') not read: its step counts validation batches, not"
                        + " training steps",
                "the training loss is the epoch mean 'train_loss_epoch' (values on 10 rows, 'train_loss_step' on 2):"
                        + " one row an epoch, the epoch as the step");
    }

    @Test
    void keysLightningsEpochMetricsByTheEpochWhateverStepTheyWereWrittenAt() throws IOException {
        // The last epoch's training row is written one step below its validation row; the learning-rate monitor
        // writes rows with a step and no epoch; the test run after fit has only test columns.
        Trace t = TraceReader.read(format("lightning_epoch_metrics.csv"));
        assertThat(t.steps()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(t.loss().get(5)).isEqualTo(0.9512);
        assertThat(t.column(Trace.VAL_LOSS).orElseThrow().get(5)).isEqualTo(1.0611);
        assertThat(t.column(Trace.TRAIN_METRIC).orElseThrow().get(0)).isEqualTo(0.31);
        assertThat(t.notes()).containsExactly("the training loss is the epoch mean 'train_loss_epoch': one row an"
                + " epoch, the epoch as the step", "6 rows without an epoch not read (rows are one an epoch)");
    }

    @Test
    void sortsARowWrittenLateIntoPlaceInAFileMergedByStep() throws IOException {
        Trace t = TraceReader.read(write("metrics.csv", """
                epoch,step,train_loss,val_loss
                0,10,0.9,
                0,20,0.8,
                0,20,,0.85
                1,30,0.7,
                0,25,,0.8
                1,40,0.6,
                """));
        assertThat(t.steps()).containsExactly(10, 20, 25, 30, 40);
        assertThat(t.column(Trace.VAL_LOSS).orElseThrow().get(2)).isEqualTo(0.8);
        assertThat(t.notes()).containsExactly("1 row written after a later step (going back by at most 5, as"
                + " Lightning writes an epoch's last metrics) sorted into place");
    }

    @Test
    void keepsTheLongestRunOfACsvLoggerThatAppendedASecondFit() throws IOException {
        Trace t = TraceReader.read(format("keras_csvlogger_appended.csv"));
        assertThat(t.steps()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(t.loss().get(0)).isEqualTo(1.7);
        assertThat(t.notes()).containsExactly(
                "the file holds 2 runs (the steps start again at line 5): read the longest, 6 rows from line 5 to 10");
    }

    @Test
    void judgesTheValidationLossWhenNoTrainingLossIsLogged() throws IOException {
        Trace t = TraceReader.read(format("lightning_val_only.csv"));
        assertThat(t.steps()).startsWith(63, 127).hasSize(8);
        assertThat(t.loss().get(0)).isEqualTo(2.33);
        assertThat(t.column(Trace.VAL_LOSS)).isEmpty();
        assertThat(t.column(Trace.VAL_METRIC).orElseThrow().get(7)).as("with no training loss, acc is validation's")
                .isEqualTo(0.63);
        assertThat(t.notes()).containsExactly(
                "no training loss in the file: the validation loss ('val_loss') is judged as the loss");
    }

    @Test
    void sumsALossLoggedOnlyInPartsAndReadsATotalBesideItsParts() throws IOException {
        Trace parts = TraceReader.read(format("lightning_loss_parts.csv"));
        assertThat(parts.steps()).containsExactly(49, 99, 149, 199, 249, 299, 349, 399);
        assertThat(parts.loss().get(0)).isCloseTo(3.0, within(1e-12));
        assertThat(parts.column(Trace.VAL_LOSS).orElseThrow().get(1)).isCloseTo(0.68 + 1.955, within(1e-12));
        assertThat(parts.notes()).containsExactly(
                "no 'loss' column: the loss is the sum of its parts 'train_box_loss', 'train_cls_loss' (a row missing"
                        + " one has none)",
                "no 'val_loss' column: the validation loss is the sum of its parts 'val_box_loss', 'val_cls_loss' (a"
                        + " row missing one has none)");

        Trace total = TraceReader.read(format("detectron2_metrics.json"));
        assertThat(total.steps()).startsWith(19, 39).endsWith(199).hasSize(10);
        assertThat(total.loss().get(0)).isEqualTo(1.086);
        assertThat(total.column(Trace.LR)).isPresent();
        assertThat(total.notes()).containsExactly("the loss is read from 'total_loss'");

        for (String name : List.of("mean_loss", "loss_total", "overall_loss", "cost")) {
            Trace t = TraceReader.read(write(name + ".csv", "epoch,a_loss," + name + "\n0,0.3,0.9\n1,0.2,0.7\n"));
            assertThat(t.loss().get(1)).as(name).isEqualTo(0.7);
        }
        Trace one = TraceReader.read(write("nll.csv", "step,nll_loss,loss_scale\n1,2.3,65536\n2,2.1,65536\n"));
        assertThat(one.loss().get(1)).isEqualTo(2.1);
        assertThat(one.notes()).containsExactly("no 'loss' column: 'nll_loss' read as the loss");
    }

    @Test
    void readsACsvWithoutAHeaderAsRowsOfNumbers() throws IOException {
        // np.savetxt("losses.csv", losses) and np.savetxt(..., np.c_[steps, losses], delimiter=",")
        Trace column = TraceReader.read(write("losses.csv", "2.302585092994045691e+00\n1.9e+00\n1.5e+00\n"));
        assertThat(column.steps()).containsExactly(1, 2, 3);
        assertThat(column.loss().get(0)).isEqualTo(2.302585092994045691);
        Trace rows = TraceReader.read(write("curve.csv", "10,2.3\n20,1.9\n30,1.5\n"));
        assertThat(rows.steps()).containsExactly(10, 20, 30);
        assertThat(rows.notes()).first().asString().startsWith("no header in the log");
    }

    @Test
    void readsHuggingFaceTrainerState() throws IOException {
        Trace t = TraceReader.read(write("trainer_state.json", """
                {
                  "best_metric": null,
                  "epoch": 2.0,
                  "global_step": 30,
                  "log_history": [
                    {"epoch": 0.33, "grad_norm": 3.1, "learning_rate": 4.5e-05, "loss": 0.69, "step": 10},
                    {"epoch": 0.67, "grad_norm": 2.8, "learning_rate": 4.0e-05, "loss": 0.52, "step": 20},
                    {"epoch": 0.6667, "eval_accuracy": 0.81, "eval_loss": 0.47, "eval_runtime": 1.2, "step": 20},
                    {"epoch": 1.0, "grad_norm": 2.5, "learning_rate": 3.5e-05, "loss": 0.41, "step": 30},
                    {"epoch": 1.0, "step": 30, "total_flos": 1.0e12, "train_loss": 0.54, "train_runtime": 50.1}
                  ],
                  "max_steps": 30
                }
                """));
        assertThat(t.steps()).containsExactly(10, 20, 30);
        assertThat(t.loss().get(2)).isEqualTo(0.41);
        assertThat(t.column("val_loss").orElseThrow().get(1)).isEqualTo(0.47);
        assertThat(t.column("val_metric").orElseThrow().get(1)).isEqualTo(0.81);
        assertThat(t.column("lr").orElseThrow().get(0)).isEqualTo(4.5e-05);
        assertThat(t.column(Trace.TOTAL_GRAD_NORM).orElseThrow().get(1)).isEqualTo(2.8);
        assertThat(t.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_WINDOW_MEAN)
                .containsEntry("val_metric", "accuracy");
    }

    @Test
    void aTrainerStateWhoseOnlyLossIsTheClosingSummaryIsRefusedSayingSo() throws IOException {
        Path file = write("trainer_state.json", """
                {"epoch": 3.0, "global_step": 300, "log_history": [
                  {"epoch": 3.0, "step": 300, "total_flos": 1e15, "train_loss": 0.41, "train_runtime": 120.5}
                ]}
                """);

        assertThatThrownBy(() -> TraceReader.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": no per-step loss in 'log_history', only the closing summary's train_loss (the"
                        + " mean over all of training), which keel does not diagnose; expected entries with 'loss'"
                        + " (the Trainer logs them every logging_steps)");
    }

    @Test
    void readsWeightsAndBiasesHistoryAndChartExports() throws IOException {
        Trace history = TraceReader.read(write("wandb_history.csv", """
                _runtime,_step,_timestamp,eval/loss,train/epoch,train/global_step,train/grad_norm,train/learning_rate,train/loss
                12.5,0,1700000000,,0.1,10,2.5,5e-05,2.2
                25.1,1,1700000012,1.9,0.2,20,,4e-05,
                37.0,2,1700000024,,0.3,30,1.5,3e-05,1.7
                """));
        assertThat(history.column(Trace.TOTAL_GRAD_NORM).orElseThrow().get(2)).isEqualTo(1.5);
        assertThat(history.steps()).containsExactly(0, 1, 2);
        assertThat(history.loss().get(2)).isEqualTo(1.7);
        assertThat(history.loss().has(1)).isFalse();
        assertThat(history.column("val_loss").orElseThrow().get(1)).isEqualTo(1.9);
        assertThat(history.column("lr")).isPresent();

        Trace chart = TraceReader.read(write("wandb_chart.csv", """
                "Step","bright-sun-7 - train/loss","bright-sun-7 - train/loss__MIN","bright-sun-7 - train/loss__MAX"
                "100","0.9","0.9","0.9"
                "200","0.6","0.6","0.6"
                """));
        assertThat(chart.steps()).containsExactly(100, 200);
        assertThat(chart.loss().get(1)).isEqualTo(0.6);
        // train/global_step loses to _step (one warning); the chart's min/max bands are dropped without one.
        assertThat(warnings.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .asString().contains("train/global_step");
    }

    @Test
    void readsFastaiAndTensorBoardJson() throws IOException {
        Trace fastai = TraceReader.read(write("history.csv", """
                epoch,train_loss,valid_loss,accuracy,time
                0,0.91,0.62,0.78,00:05
                1,0.55,0.48,0.84,00:05
                """));
        assertThat(fastai.steps()).containsExactly(0, 1);
        assertThat(fastai.column("val_loss").orElseThrow().get(1)).isEqualTo(0.48);
        assertThat(fastai.column(Trace.VAL_METRIC).orElseThrow().get(1))
                .as("fastai computes its metrics on the validation set").isEqualTo(0.84);
        assertThat(fastai.column(Trace.TRAIN_METRIC)).isEmpty();
        assertThat(fastai.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EMA)
                .containsEntry("val_metric", "accuracy");

        Trace tb = TraceReader.read(write("run_train-tag-loss.json",
                "[[1700000000.5, 10, 0.9], [1700000001.5, 20, 0.7], [1700000002.5, 30, NaN]]"));
        assertThat(tb.steps()).containsExactly(10, 20, 30);
        assertThat(tb.loss().get(2)).isNaN();
    }

    @Test
    void readsColumnsNamedInCamelCaseByHandWrittenLoops() throws IOException {
        Trace t = TraceReader.read(write("log.csv", """
                Epoch,TrainLoss,ValLoss,ValAcc
                1,0.91,0.62,0.78
                2,0.55,0.48,0.84
                """));
        assertThat(t.steps()).containsExactly(1, 2);
        assertThat(t.loss().get(1)).isEqualTo(0.55);
        assertThat(t.column(Trace.VAL_LOSS).orElseThrow().get(1)).isEqualTo(0.48);
        assertThat(t.column(Trace.VAL_METRIC).orElseThrow().get(1)).isEqualTo(0.84);

        Trace test = TraceReader.read(write("test.csv", """
                epoch,trainLoss,TestLoss,valLoss
                1,0.91,0.70,0.62
                2,0.55,0.50,0.48
                """));
        assertThat(test.column(Trace.VAL_LOSS).orElseThrow().get(1))
                .as("a test-set column is validation only when there is no validation column").isEqualTo(0.48);
    }

    @Test
    void takesPandasUnnamedIndexColumnAsTheStep() throws IOException {
        Trace t = TraceReader.read(write("history.csv", """
                ,loss,val_loss
                0,0.9,0.95
                1,0.6,0.7
                """));
        assertThat(t.steps()).containsExactly(0, 1);
        assertThat(t.loss().get(1)).isEqualTo(0.6);
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void readsRowsWithoutAStepOrEpochColumnInOrderAndSaysSo() throws IOException {
        Trace perEpoch = TraceReader.read(write("history.csv", """
                loss,accuracy,val_loss,val_accuracy
                0.91,0.71,0.62,0.80
                0.55,0.83,0.48,0.86
                0.41,0.88,0.44,0.87
                """));
        assertThat(perEpoch.steps()).containsExactly(1, 2, 3);
        assertThat(perEpoch.loss().get(2)).isEqualTo(0.41);
        assertThat(perEpoch.column("val_loss").orElseThrow().get(1)).isEqualTo(0.48);
        assertThat(perEpoch.notes()).containsExactly("no step or epoch column: rows read in order, one step each");

        Trace lossOnly = TraceReader.read(write("losses.csv", "loss\n2.3\n1.9\n\n1.7\n"));
        assertThat(lossOnly.steps()).containsExactly(1, 2, 3);
        assertThat(lossOnly.loss().get(2)).isEqualTo(1.7);

        Trace records = TraceReader.read(write("records.json", "[{\"loss\": 0.9}, {\"loss\": 0.7}]"));
        assertThat(records.steps()).containsExactly(1, 2);
        assertThat(records.notes()).hasSize(1);
    }

    @Test
    void readsAKerasHistorySavedAsJsonOneRowAnEpoch() throws IOException {
        Trace t = TraceReader.read(format("keras_history.json"));
        assertThat(t.steps()).containsExactly(1, 2, 3, 4);
        assertThat(t.loss().get(3)).isEqualTo(0.2093);
        assertThat(t.column("val_loss").orElseThrow().get(0)).isEqualTo(0.3106);
        assertThat(t.column(Trace.VAL_METRIC).orElseThrow().get(3)).isEqualTo(0.9361);
        assertThat(t.column(Trace.TRAIN_METRIC).orElseThrow().get(0)).isEqualTo(0.8532);
        assertThat(t.column("lr").orElseThrow().get(3)).isEqualTo(0.0005);
        assertThat(t.metadata()).containsEntry(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN);
        assertThat(t.notes()).containsExactly("a Keras history (one list a metric): one row an epoch, epochs numbered from 1");

        Path ragged = write("h.json", "{\"loss\": [0.5, 0.4, 0.3], \"val_loss\": [0.6, 0.5]}");
        assertThatThrownBy(() -> TraceReader.read(ragged)).isInstanceOf(BadInputException.class).hasMessage(ragged
                + ": 'val_loss' holds 2 values and 'loss' 3, expected one value an epoch in every list of a Keras history");
    }

    @Test
    void warnsOnceForAllUnknownColumns() throws IOException {
        TraceReader.read(write("u.csv", "step,loss,foo,bar,baz\n1,0.5,x,y,z\n2,0.4,x,y,z\n"));
        assertThat(warnings.list).hasSize(1);
        assertThat(warnings.list.get(0).getFormattedMessage()).contains("foo, bar, baz");
    }

    @Test
    void readsJsonLinesWithPythonNonFiniteTokensStringsAndNulls() throws IOException {
        Trace t = TraceReader.read(write("t.jsonl", """
                {"step": 0, "loss": 2.3, "grad_norm/dense_0": 0.3}
                {"step": 1, "loss": NaN, "val_loss": null}
                {"step": 2, "loss": "inf", "grad_norm/dense_0": -Infinity}
                {"step": 3, "loss": Infinity, "wall": "x"}
                """));
        assertThat(t.steps()).containsExactly(0, 1, 2, 3);
        assertThat(t.loss().get(1)).isNaN();
        assertThat(t.loss().get(2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(t.loss().get(3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(t.column("val_loss").orElseThrow().has(1)).isFalse();
        assertThat(warnings.list).hasSize(1);
    }

    @Test
    void recognisesJsonByContentAndReadsAJsonArray() throws IOException {
        Trace lines = TraceReader.read(write("log.txt", "{\"iteration\": 5, \"train_loss\": 1.0}\n"));
        assertThat(lines.steps()).containsExactly(5);
        Trace array = TraceReader.read(write("h.json", "[{\"step\": 1, \"loss\": 0.5},\n {\"step\": 2, \"loss\": 0.4}]"));
        assertThat(array.steps()).containsExactly(1, 2);
    }

    @Test
    void roundTripsWhatTheWriterWrites() throws IOException {
        Trace.Builder b = Trace.builder(List.of("loss", "grad_norm/d0"));
        b.addRow(0).set(0, 1.5).set(1, Double.NaN);
        b.addRow(7).set(0, Double.POSITIVE_INFINITY);
        StringWriter out = new StringWriter();
        TraceCsvWriter.write(b.build(), out);
        Trace t = TraceReader.read(write("rt.csv", out.toString()));
        assertThat(t.steps()).containsExactly(0, 7);
        assertThat(t.column("grad_norm/d0").orElseThrow().get(0)).isNaN();
        assertThat(t.column("grad_norm/d0").orElseThrow().has(1)).isFalse();
    }

    @Test
    void namesFileAndLineOfANonNumericCell() throws IOException {
        Path p = write("bad.csv", "step,loss\n1,0.5\n2,abc\n");
        assertThatThrownBy(() -> TraceReader.read(p)).isInstanceOf(BadInputException.class)
                .hasMessage(p + ":3: column 'loss' holds 'abc', expected a number (NaN, inf and empty cells are allowed)");
    }

    @Test
    void rejectsStepsThatGoBackOrRepeatWithOtherValues() throws IOException {
        Path back = write("back.csv", "step,loss\n1,0.5\n3,0.4\n2,0.3\n");
        assertThatThrownBy(() -> TraceReader.read(back)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(back + ":4: step 2 does not increase");
        Path dup = write("dup.csv", "step,loss\n1,0.5\n1,0.4\n");
        assertThatThrownBy(() -> TraceReader.read(dup)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dup + ":3: step 1 repeats");
    }

    @Test
    void rejectsAHeaderWithoutLoss() throws IOException {
        Path noLoss = write("nl.csv", "step,acc\n1,0.5\n");
        assertThatThrownBy(() -> TraceReader.read(noLoss)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(noLoss + ":1: no loss column");
        Path config = write("config.json", "{\"hidden_size\": 768}");
        assertThatThrownBy(() -> TraceReader.read(config)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(config + ":1: no loss column");
    }

    @Test
    void rejectsRaggedRowsBadStepsMissingFilesAndBrokenJson() throws IOException {
        Path ragged = write("r.csv", "step,loss\n1,0.5,9\n");
        assertThatThrownBy(() -> TraceReader.read(ragged)).hasMessage(ragged + ":2: 3 cells, expected 2 as in the header");
        Path fractional = write("f.csv", "step,loss\n1.5,0.5\n");
        assertThatThrownBy(() -> TraceReader.read(fractional)).hasMessage(fractional + ":2: step '1.5' is not an integer");
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> TraceReader.read(missing)).isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": no such file");
        Path json = write("b.jsonl", "{\"step\": 1, \"loss\": 0.5}\n{\"step\": 2, \"loss\": }\n");
        assertThatThrownBy(() -> TraceReader.read(json)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(json + ":2: not valid JSON");
        Path empty = write("e.csv", "# only metadata\n");
        assertThatThrownBy(() -> TraceReader.read(empty)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("empty file");
    }

    @Test
    void acceptsIntegralFloatSteps() throws IOException {
        assertThat(TraceReader.read(write("s.csv", "step,loss\n1.0,0.5\n2e0,0.4\n")).steps()).containsExactly(1, 2);
    }
}
