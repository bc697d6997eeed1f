package dev.keel.sweep.store;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.InputFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which folders keel writes a run into (SECURITY.md): a new one, or an empty one. A folder that holds a keel run is
 * continued only by {@code --resume}; anything else is refused, so that {@code --out ""}, {@code --out /} or a
 * folder of someone's files is never filled with sweep.json, trials.jsonl and traces/.
 */
public final class RunFolder {
    private RunFolder() {
    }

    /**
     * Checks that {@code dir}, named by {@code option}, may receive a new run.
     *
     * @param resumable how to continue a run already there ({@code "keel sweep --resume DIR"}), or null if it cannot
     *                  be continued
     * @throws BadInputException when it may not, saying what it is
     */
    public static void checkNew(Path dir, String option, String resumable) {
        String shown = option + " " + dir;
        if (dir.toString().isEmpty()) {
            throw new BadInputException(option + " is empty; expected a new or empty folder for the run");
        }
        if (dir.toAbsolutePath().normalize().getParent() == null) {
            throw new BadInputException(shown + ": is the root folder; expected a new or empty folder for the run");
        }
        String kind = InputFiles.kind(dir);
        if (kind == null && !Files.exists(dir)) {
            return;
        }
        if (kind == null) {
            throw new BadInputException(shown + ": is a file; expected a new or empty folder for the run");
        }
        if (!kind.equals("a folder")) {
            throw new BadInputException(shown + ": is " + kind + "; expected a new or empty folder for the run");
        }
        if (Files.exists(dir.resolve(ResultStore.MANIFEST), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(shown + ": already holds a keel run; " + (resumable != null
                    ? "continue it with " + resumable.replace("DIR", dir.toString()) + ", or choose another " + option
                    : "choose another " + option));
        }
        if (!isEmpty(dir)) {
            throw new BadInputException(shown + ": is a folder that is not empty" + (resumable != null
                    ? " and holds no keel run" : "") + "; keel writes only into a new or empty folder");
        }
    }

    /**
     * Checks that {@code dir} holds a keel run to continue.
     *
     * @throws BadInputException when it does not, saying what it is
     */
    public static void checkRun(Path dir) {
        String kind = InputFiles.kind(dir);
        if (kind == null && !Files.exists(dir)) {
            throw new BadInputException(dir + ": no such folder; expected a keel result folder (results/<run>)");
        }
        if (kind == null || !kind.equals("a folder")) {
            throw new BadInputException(dir + ": is " + (kind == null ? "a file" : kind)
                    + "; expected a keel result folder (results/<run>)");
        }
        Path manifest = dir.resolve(ResultStore.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException(dir + ": not a keel result folder (no " + ResultStore.MANIFEST + ")"
                    + (Files.exists(dir.resolve(RunLock.FILE), java.nio.file.LinkOption.NOFOLLOW_LINKS) && isEmpty(dir)
                    ? "; it holds no run yet (its first write failed): start the sweep"
                    + " again with keel sweep SPACE.yaml --out " + dir : ""));
        }
    }

    /** Empty, but for keel's lock and a temporary file left by a kill: nothing of anyone's to overwrite. */
    static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(RunLock.FILE) && !OutputFile.isTemporary(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
