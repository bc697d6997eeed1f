package dev.keel.sweep.store;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.InputFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file keel produces (a report, recommended.yaml, sweep.json, a trace) so that nothing else is harmed: only
 * a regular file or a path where nothing is gets written, never a device, a folder or the root (a report written to
 * {@code /dev/full} once replaced the device node). The bytes go to a temporary file beside the target, which is
 * renamed over it, so a reader never sees half a file; the temporary file is removed on every failure (a full disk
 * leaves nothing behind). See SECURITY.md.
 */
public final class OutputFile {
    private OutputFile() {
    }

    /**
     * Where to write a file the user named with {@code option} ({@code --out}): the path itself when it is a regular
     * file or nothing; through a symbolic link, the regular file it leads to (the link stays).
     *
     * @throws BadInputException for an empty path, the root, a folder, a device, a FIFO, a dangling link
     */
    public static Path chosen(Path out, String option) {
        String shown = option + " " + out;
        if (out.toString().isEmpty()) {
            throw new BadInputException(option + " is empty; expected the path of a file to write");
        }
        if (out.getFileName() == null) {
            throw new BadInputException(shown + ": is the root folder; expected the path of a file to write");
        }
        if (Files.isSymbolicLink(out)) {
            Path target;
            try {
                target = out.toRealPath();
            } catch (NoSuchFileException e) {
                throw new BadInputException(shown + ": is a symbolic link to nothing (" + linkTarget(out)
                        + "); expected a regular file or a new file's path");
            } catch (IOException e) {
                throw new BadInputException(shown + ": is a symbolic link that cannot be followed (" + e.getMessage()
                        + ")", e);
            }
            String kind = InputFiles.kind(target);
            if (kind != null) {
                throw new BadInputException(shown + ": leads to " + target + ", which is " + kind
                        + "; expected a regular file or a new file's path");
            }
            return target;
        }
        String kind = InputFiles.kind(out);
        if (kind != null) {
            throw new BadInputException(shown + ": is " + kind + ", not a regular file; expected "
                    + (kind.equals("a folder") ? "the path of a file in it, such as " + out.resolve("report.html")
                    : "a regular file or a new file's path"));
        }
        return out;
    }

    /**
     * Writes {@code bytes} at {@code target}, which must be a regular file or nothing. A symbolic link there is
     * replaced by the file, not followed: a folder keel writes into may come from someone else (use {@link #chosen}
     * first to write through a link the user named).
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        if (!Files.isSymbolicLink(target)) {
            String kind = InputFiles.kind(target);
            if (kind != null) {
                throw new BadInputException(target + ": is " + kind + ", not a regular file; keel will not write"
                        + " over it");
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || target.getFileName() == null) {
            throw new BadInputException(target + ": is the root folder; expected the path of a file to write");
        }
        Files.createDirectories(parent);
        Path tmp = temporaryBeside(parent, target.getFileName().toString());
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            move(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // The write's own failure is the one to report; the temporary file is named as keel's.
                }
            }
        }
    }

    /** A new, empty file {@code .NAME.<random>.tmp} in {@code folder}, created exclusively (never a link). */
    static Path temporaryBeside(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** Whether {@code name} is one of keel's temporary files, left behind only by a kill during a write. */
    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    /** Whether {@code path} exists as itself (a dangling link counts). */
    static boolean present(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
