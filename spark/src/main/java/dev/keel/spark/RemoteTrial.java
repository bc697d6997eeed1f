package dev.keel.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.prune.Pruner;
import dev.keel.sweep.run.SweepSession;
import dev.keel.sweep.run.TrialResult;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ChosenBy;
import org.apache.spark.api.java.function.Function;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark task: runs one trial on an executor. The executor rebuilds the space and its data (from a path every
 * executor can read, or a built-in dataset) once per JVM, then trains the configuration the driver chose with the
 * same code as the local executor, pruned by the copy of the driver's pruner that came with it.
 */
final class RemoteTrial implements Function<TrialTask, TrialPayload> {
    private static final long serialVersionUID = 1L;

    private final String space;
    private final String fingerprint;

    RemoteTrial(String space, String fingerprint) {
        this.space = space;
        this.fingerprint = fingerprint;
    }

    @Override
    public TrialPayload call(TrialTask task) throws Exception {
        Prepared prepared = Prepared.of(space, fingerprint);
        Map<String, Object> params = Json.mapper().readValue(task.params(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        TrialConfig config = prepared.sweep.baseConfig().with(params);
        PlannedTrial trial = new PlannedTrial(task.trialId(), task.configIndex(), task.repeat(), task.seed(), config,
                config.toParams(), task.chosenBy() == null ? null : ChosenBy.fromToken(task.chosenBy()));
        SweepSession session = prepared.session.withPruner(TrialTask.<Pruner>thaw(task.pruner()));
        TrialResult result = session.run(trial);
        return TrialPayload.of(Json.mapper().writeValueAsString(result.record()), result.trace());
    }

    /** The space and session of the sweep this JVM last ran a trial of. */
    private record Prepared(String space, SweepSpace sweep, SweepSession session) {
        private static Prepared current;

        static synchronized Prepared of(String space, String fingerprint) throws Exception {
            if (current == null || !current.space.equals(space)) {
                Map<String, Object> map = Json.mapper().readValue(space, new TypeReference<Map<String, Object>>() {
                });
                SweepSpace sweep = SweepSpace.fromResolvedMap(map, "the sweep sent by the Spark driver");
                SweepSession session = SweepSession.open(sweep);
                if (fingerprint != null && !fingerprint.equals(session.data().fingerprint())) {
                    // Training on other data than the driver's would mix results from two datasets in one store.
                    throw new BadInputException(sweep.data().source() + " on this executor is not the data the "
                            + "driver read (fingerprint " + session.data().fingerprint() + ", driver " + fingerprint
                            + "): every executor must read the same file");
                }
                current = new Prepared(space, sweep, session);
            }
            return current;
        }
    }
}
