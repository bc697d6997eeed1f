package dev.keel.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** keel's and Deeplearning4j's versions, filled in by the build (for --version and sweep.json). */
public final class Versions {
    private static final Properties PROPS = load();

    private Versions() {
    }

    public static String keel() {
        return PROPS.getProperty("keel.version", "unknown");
    }

    public static String dl4j() {
        return PROPS.getProperty("dl4j.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
