package dev.keel.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the files a user names: a space, a data file, a trace. Only a regular file is read, and only up to a size
 * limit: {@code /dev/zero} would fill the heap, a FIFO would block keel forever, and a device has no end. The limits
 * are far above any real file of the kind and are named in the refusal (SECURITY.md).
 */
public final class InputFiles {
    /** A space file: a few hundred lines of YAML in practice; this holds a {@code values:} list of 100,000 numbers. */
    public static final long SPACE_LIMIT = 1L << 20;
    /** A training log: a keel trace of 100,000 steps with per-layer statistics of ten layers is about 60 MB. */
    public static final long TRACE_LIMIT = 256L << 20;
    /** A CSV data file: parsed whole into memory, where it takes several times its size. */
    public static final long DATA_LIMIT = 256L << 20;

    /** {@code st_mode}'s file type bits (POSIX), read through the "unix" attribute view where there is one. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private InputFiles() {
    }

    /**
     * What {@code path} is when it is not a regular file, in words ({@code "a folder"}, {@code "a FIFO (named
     * pipe)"}, {@code "a character device"}, {@code "a symbolic link to nothing"}), or {@code null} when it is a
     * regular file (through symbolic links) or does not exist.
     */
    public static String kind(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(path) ? "a symbolic link to nothing" : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
        if (attributes.isRegularFile()) {
            return null;
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
            switch (mode) {
                case S_IFIFO:
                    return "a FIFO (named pipe)";
                case S_IFCHR:
                    return "a character device";
                case S_IFBLK:
                    return "a block device";
                case S_IFSOCK:
                    return "a socket";
                default:
                    return "a special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException
                 | SecurityException e) {
            return "a special file";
        }
    }

    /**
     * The bytes of {@code file}, which must be a regular file of at most {@code limit} bytes.
     *
     * @param what the kind of file, for messages: {@code "a trace file"}
     * @throws BadInputException   when it is not a regular file or is too large
     * @throws IOException         as {@link Files#readAllBytes} (no such file, permission denied, ...)
     */
    public static byte[] readBytes(Path file, long limit, String what) throws IOException {
        String kind = kind(file);
        if (kind != null) {
            throw new BadInputException(file + ": is " + kind + ", not a regular file; expected " + what);
        }
        long size = Files.size(file);
        if (size > limit) {
            throw tooLarge(file, size, limit, what);
        }
        // Read one byte past the limit: files under /proc and /sys say they are empty and are not.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(file, -1, limit, what);
            }
            return bytes;
        }
    }

    /**
     * The text of {@code file} as UTF-8, with the checks of {@link #readBytes}.
     *
     * @throws CharacterCodingException when it is not UTF-8, as {@link Files#readString} throws
     */
    public static String readString(Path file, long limit, String what) throws IOException {
        byte[] bytes = readBytes(file, limit, what);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** A size as people write it: {@code 256 MB}, {@code 1 MB}, {@code 1.5 GB}. */
    public static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " "
                + units[unit];
    }

    private static BadInputException tooLarge(Path file, long size, long limit, String what) {
        return new BadInputException(file + ": " + (size >= 0 ? "is " + size(size) : "holds more than " + size(limit))
                + ", more than keel reads as " + what + " (at most " + size(limit) + ")");
    }
}
