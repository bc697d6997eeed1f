package dev.keel.diagnose.live;

import dev.keel.diagnose.live.FollowedLog.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a log while another program writes it: absent, empty, half-written, rewritten, truncated, replaced. */
class FollowedLogTest {
    @TempDir
    Path dir;

    @Test
    void waitsForAFileThatIsAbsentEmptyOrOnlyAHeader() throws IOException {
        Path f = dir.resolve("metrics.csv");
        FollowedLog log = new FollowedLog(f);
        assertThat(log.read().state()).isEqualTo(State.ABSENT);
        Files.writeString(f, "");
        assertThat(log.read().state()).isEqualTo(State.WAITING);
        append(f, "step,loss\n");
        FollowedLog.Snapshot s = log.read();
        assertThat(s.state()).isEqualTo(State.WAITING);
        assertThat(s.trace().size()).isZero();
        append(f, "1,2.5\n");
        assertThat(log.read().state()).isEqualTo(State.GROWN);
        assertThat(log.read().state()).isEqualTo(State.UNCHANGED);
    }

    @Test
    void leavesAHalfWrittenLineForTheWriterUntilTheEnd() throws IOException {
        Path f = dir.resolve("run.csv");
        Files.writeString(f, "step,loss\n1,2.5\n2,2.4\n3,2.");
        FollowedLog log = new FollowedLog(f);
        assertThat(log.read().trace().size()).isEqualTo(2);
        append(f, "3");
        assertThat(log.read().trace().size()).as("still unfinished").isEqualTo(2);
        assertThat(log.readToEnd().trace().loss().get(2)).as("taken as it is at the end").isEqualTo(2.3);

        Path j = dir.resolve("run.jsonl");
        Files.writeString(j, "{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"lo");
        FollowedLog jsonl = new FollowedLog(j);
        assertThat(jsonl.read().trace().size()).isEqualTo(1);
        append(j, "ss\": 2.4}\n");
        assertThat(jsonl.read().trace().size()).isEqualTo(2);
    }

    @Test
    void keepsTheRowsOfAFileRewrittenInPlaceWhileItDoesNotParse() throws IOException {
        Path f = dir.resolve("trainer_state.json");
        Files.writeString(f, trainerState(3));
        FollowedLog log = new FollowedLog(f);
        assertThat(log.read().trace().size()).isEqualTo(3);

        String next = trainerState(4);
        Files.writeString(f, next.substring(0, next.length() / 2));
        touch(f, 1);
        FollowedLog.Snapshot half = log.read();
        assertThat(half.state()).isEqualTo(State.WAITING);
        assertThat(half.trace().size()).isEqualTo(3);
        assertThat(half.problem()).isNotBlank();

        Files.writeString(f, "");
        touch(f, 2);
        assertThat(log.read().trace().size()).as("emptied by the rewrite").isEqualTo(3);

        Files.writeString(f, next.strip()); // no newline at the end
        touch(f, 3);
        FollowedLog.Snapshot whole = log.read();
        assertThat(whole.state()).isEqualTo(State.GROWN);
        assertThat(whole.trace().size()).isEqualTo(4);
    }

    @Test
    void aTruncatedOrReplacedFileIsANewRun() throws IOException {
        Path f = dir.resolve("train.csv");
        Files.writeString(f, "step,loss\n1,2.5\n2,2.4\n3,2.3\n");
        FollowedLog log = new FollowedLog(f);
        assertThat(log.read().trace().size()).isEqualTo(3);

        Files.writeString(f, "step,loss\n1,2.5\n");
        touch(f, 1);
        assertThat(log.read().state()).as("the same run, written again: not yet back").isEqualTo(State.UNCHANGED);

        Files.writeString(f, "step,loss\n1,9.0\n2,8.0\n");
        touch(f, 2);
        FollowedLog.Snapshot truncated = log.read();
        assertThat(truncated.state()).isEqualTo(State.RESTARTED);
        assertThat(truncated.trace().size()).isEqualTo(2);

        Files.move(f, dir.resolve("train.csv.1"));
        assertThat(log.read().state()).isEqualTo(State.ABSENT);
        Files.writeString(f, "step,loss\n1,7.0\n");
        FollowedLog.Snapshot rotated = log.read();
        assertThat(rotated.state()).isEqualTo(State.RESTARTED);
        assertThat(rotated.trace().loss().get(0)).isEqualTo(7.0);
    }

    private static String trainerState(int entries) {
        StringBuilder s = new StringBuilder("{\n  \"global_step\": " + entries * 10 + ",\n  \"log_history\": [\n");
        for (int i = 1; i <= entries; i++) {
            s.append("    {\n      \"epoch\": ").append(i * 0.1).append(",\n      \"learning_rate\": 5e-05,\n")
                    .append("      \"loss\": ").append(2.5 - i * 0.1).append(",\n      \"step\": ").append(i * 10)
                    .append("\n    }").append(i < entries ? ",\n" : "\n");
        }
        return s.append("  ],\n  \"train_batch_size\": 8\n}\n").toString();
    }

    private static void append(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardOpenOption.APPEND);
    }

    /** A distinct modification time, as a write a second later would leave on any file system. */
    private static void touch(Path f, int seconds) throws IOException {
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds)));
    }
}
