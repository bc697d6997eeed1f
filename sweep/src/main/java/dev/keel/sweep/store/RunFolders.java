package dev.keel.sweep.store;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Names of result folders: {@code results/<slug of a name>-<timestamp>} (docs/DESIGN.md, The command line). */
public final class RunFolders {
    private RunFolders() {
    }

    /**
     * A slug's most characters: a file name holds 255 bytes, and a folder name should read at a glance; a space
     * name of 250 characters once made the run folder's name too long to create.
     */
    static final int MAX_SLUG = 64;

    /**
     * Lower case, runs of anything but letters and digits as one dash, at most {@link #MAX_SLUG} characters:
     * "My Space!" → "my-space".
     */
    public static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-$", "");
        }
        return slug.isEmpty() ? "run" : slug;
    }

    /** A data source's short name: {@code builtin:digits} → digits, {@code /data/patients.csv} → patients. */
    public static String dataName(String source) {
        String name = source.startsWith("builtin:") ? source.substring("builtin:".length())
                : Path.of(source).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return slug(name);
    }

    /** {@code results/<slug>-<yyyyMMdd-HHmmss>}, relative to the current folder. */
    public static Path timestamped(String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("results", slug(name) + "-" + stamp);
    }
}
