package dev.keel.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * What the driver sends to run one trial: its place in the plan, its configuration as the driver's queue chose it
 * (a sampler that learns decides on the driver, from the trials stored there), and the driver's pruner as it was
 * when the task was sent, so that every executor prunes against the whole sweep rather than against the trials it
 * happened to run. The pruner travels as bytes taken on the driver's thread, so that the copy is consistent even
 * while the driver goes on storing trials.
 *
 * @param params   every knob of the trial, as trials.jsonl writes them (JSON)
 * @param chosenBy the {@code chosen_by} token, or {@code null}
 */
record TrialTask(String trialId, int configIndex, int repeat, long seed, String params, String chosenBy,
                 byte[] pruner) implements Serializable {

    static byte[] freeze(Serializable object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + object.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static <T> T thaw(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read what the driver sent", e);
        }
    }
}
