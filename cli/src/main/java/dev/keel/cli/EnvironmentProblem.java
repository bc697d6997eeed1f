package dev.keel.cli;

import com.fasterxml.jackson.core.JacksonException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Failures of the machine keel runs on rather than of keel: a full or read-only disk, a file name too long, a
 * permission, a path that is not a path, the heap. They are the user's to fix, like bad input, so they end keel with
 * exit 2 and one line; a bug is what is left.
 */
final class EnvironmentProblem {
    /** How deep a chain of causes is searched (DL4J and Spark wrap exceptions several times). */
    private static final int MAX_CAUSES = 8;

    private EnvironmentProblem() {
    }

    /** What went wrong, in one line, or {@code null} when {@code e} is not the environment's doing. */
    static String describe(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            String found = describeOne(t);
            if (found != null) {
                return found;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describeOne(Throwable t) {
        if (t instanceof FileSystemException f) {
            String file = f.getFile() == null ? "" : f.getFile() + ": ";
            String other = f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")";
            return file + reason(f) + other;
        }
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            // The wrapper's message names the folder ("cannot write to DIR: ..."); the cause says why.
            String why = describeOne(u.getCause());
            return why == null ? null : (u.getMessage() != null && u.getMessage().contains(why) ? u.getMessage()
                    : why);
        }
        if (t instanceof IOException io && !(t instanceof JacksonException)) {
            return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        }
        if (t instanceof InvalidPathException p) {
            return "'" + p.getInput() + "' is not a valid path (" + p.getReason() + ")";
        }
        if (t instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + (t.getMessage() == null ? "Java heap" : t.getMessage()) + "); give Java more"
                    + " with KEEL_JAVA_OPTS=-Xmx8g, or make the data or the network smaller";
        }
        return null;
    }

    private static String reason(FileSystemException f) {
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (f instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (f instanceof FileSystemLoopException) {
            return "a loop of symbolic links";
        }
        return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
    }
}
