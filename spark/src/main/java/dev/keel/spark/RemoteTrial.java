package dev.keel.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;
import dev.keel.sweep.run.SweepSession;
import dev.keel.sweep.run.TrialResult;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialPlan;
import dev.keel.sweep.space.SweepSpace;
import org.apache.spark.api.java.function.Function;

import java.util.Map;

/**
 * The Spark task: runs one trial, named by its id, on an executor. The executor rebuilds the space, its data
 * (from a path every executor can read, or a built-in dataset) and its plan once per JVM, then trains with
 * the same code as the local executor. With median pruning, each trial compares against the curves the
 * driver sent with it.
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
        PlannedTrial trial = prepared.plan.find(task.trialId())
                .orElseThrow(() -> new IllegalStateException("trial " + task.trialId() + " is not in the plan"));
        SweepSession session = task.finishedCurves() == null ? prepared.session
                : prepared.session.withFinishedCurves(task.curves());
        TrialResult result = session.run(trial);
        return TrialPayload.of(Json.mapper().writeValueAsString(result.record()), result.trace());
    }

    /** The session and plan of the sweep this JVM last ran a trial of. */
    private record Prepared(String space, SweepSession session, TrialPlan plan) {
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
                current = new Prepared(space, session, TrialPlan.of(sweep));
            }
            return current;
        }
    }
}
