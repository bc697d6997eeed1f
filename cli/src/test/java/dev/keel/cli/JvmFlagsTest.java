package dev.keel.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM flags keel runs with are written once, in jvm.flags: the launcher and the bench scripts read that
 * file, and the pom, which cannot, holds the same list for the JVMs the tests run in. Also the bench scripts'
 * defects of issue 15: building offline (which fails on a fresh machine) and dropping java's stderr.
 */
class JvmFlagsTest {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    static List<String> flagsFile() throws IOException {
        return Files.readAllLines(HOME.resolve("jvm.flags")).stream()
                .map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> !l.isEmpty())
                .toList();
    }

    private static String pomProperty(Path pom, String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">")
                .matcher(Files.readString(pom));
        assertThat(m.find()).as("%s in %s", name, pom).isTrue();
        return m.group(1).strip();
    }

    /** The lines of a shell script that are not comments. */
    private static List<String> code(Path script) throws IOException {
        return Files.readAllLines(script).stream().filter(l -> !l.strip().startsWith("#")).toList();
    }

    @Test
    void thePomsFlagsAreTheFlagsFile() throws IOException {
        List<String> flags = flagsFile();
        assertThat(flags).contains("-Dorg.bytedeco.javacpp.nopointergc=true", "-Xss4m");
        assertThat(Arrays.asList(pomProperty(HOME.resolve("pom.xml"), "keel.jvm.flags").split("\\s+")))
                .as("keel.jvm.flags in pom.xml").isEqualTo(flags);
        assertThat(Arrays.asList(System.getProperty("keel.jvm.flags", "").split(" ")))
                .as("the flags the pom passes to tests that start a JVM").isEqualTo(flags);
    }

    @Test
    void theLauncherAndTheBenchScriptsReadTheFlagsFile() throws IOException {
        List<String> flags = flagsFile();
        List<Path> scripts = new ArrayList<>(List.of(HOME.resolve("keel")));
        try (Stream<Path> bench = Files.list(HOME.resolve("bench"))) {
            bench.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        assertThat(scripts).hasSizeGreaterThan(3);
        for (Path script : scripts) {
            String name = HOME.relativize(script).toString();
            List<String> code = code(script);
            for (String flag : flags) {
                // A line that runs without the launcher's flags on purpose says so (train-bench.sh's plain JVM).
                assertThat(code).as("%s writes %s itself", name, flag)
                        .noneMatch(l -> l.contains(flag) && !l.contains("not the launcher's flags, on purpose"));
            }
            if (name.equals("keel") || name.equals("bench/common.sh")) {
                assertThat(code).as(name).anyMatch(l -> l.contains("jvm.flags"));
            } else {
                assertThat(code).as(name).anyMatch(l -> l.strip().equals(". bench/common.sh"));
            }
        }
    }

    @Test
    void benchScriptsBuildOnAFreshMachineAndPassJavasErrorsOn() throws IOException {
        try (Stream<Path> bench = Files.list(HOME.resolve("bench"))) {
            for (Path script : bench.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) {
                String name = HOME.relativize(script).toString();
                List<String> code = code(script);
                assertThat(code).as("%s builds offline: mvn -o fails where ~/.m2 is empty", name)
                        .noneMatch(l -> l.matches(".*\\bmvn\\b.*\\s-o\\b.*"));
                assertThat(code).as("%s drops stderr", name).noneMatch(l -> l.matches(".*2>\\s*/dev/null.*"));
            }
        }
    }

    @Test
    void theLaunchersSparkFlagsAreThePomsSparkFlags() throws IOException {
        String launcher = Files.readString(HOME.resolve("keel"));
        Matcher m = Pattern.compile("SPARK_FLAGS=\\(\\n(.*?)\\n\\s*\\)", Pattern.DOTALL).matcher(launcher);
        assertThat(m.find()).as("SPARK_FLAGS=( ... ) in keel").isTrue();
        List<String> launcherFlags = Arrays.stream(m.group(1).split("\\s+")).filter(s -> !s.isEmpty()).toList();
        assertThat(launcherFlags).isEqualTo(
                Arrays.asList(pomProperty(HOME.resolve("spark/pom.xml"), "spark.jvm.flags").split("\\s+")));
    }
}
