package dev.keel.sweep.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.InputFiles;
import dev.keel.diagnose.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trials.jsonl} read the one way keel reads it, for a sweep that resumes, a report, {@code keel diagnose} and
 * {@code keel recommend} alike. Reading never changes the file: a report may read a sweep that is still appending,
 * or a folder it may not write. The first line of an id wins (a store edited by hand); a line that does not parse is
 * left out and named in {@link #problems()}: the last line may be a trial still being written or cut short by a kill
 * (the sweep runs that trial again, and cuts the line off before its next append: {@link ResultStore#append}).
 *
 * @param trials   the readable lines by trial id, in file order (the order trials finished)
 * @param problems one sentence per line left out
 */
public record TrialsFile(Map<String, TrialRecord> trials, List<String> problems) {
    private static final Logger LOG = LoggerFactory.getLogger(TrialsFile.class);

    public TrialsFile {
        trials = Collections.unmodifiableMap(new LinkedHashMap<>(trials));
        problems = List.copyOf(problems);
    }

    /**
     * Reads {@code dir/trials.jsonl}; a folder without one has no trials yet.
     *
     * @throws BadInputException when trials.jsonl is not a regular file (a FIFO, a device, a folder)
     */
    public static TrialsFile read(Path dir) throws IOException {
        Path file = dir.resolve(ResultStore.TRIALS);
        Map<String, TrialRecord> trials = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) {
            return new TrialsFile(trials, problems);
        }
        String kind = InputFiles.kind(file);
        if (kind != null) {
            throw new BadInputException(file + ": is " + kind + ", not a regular file; not a keel result folder");
        }
        byte[] bytes = Files.readAllBytes(file);
        int lineNo = 0;
        for (int start = 0; start < bytes.length; ) {
            int newline = indexOf(bytes, (byte) '\n', start);
            boolean complete = newline >= 0;
            int end = complete ? newline : bytes.length;
            lineNo++;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            TrialRecord record = parse(line);
            boolean last = start >= bytes.length;
            if (record == null) {
                LOG.warn(complete ? "{}:{}: unreadable line skipped; that trial will run again on resume"
                        : "{}:{}: incomplete last line ignored (the sweep was stopped while writing it); "
                        + "that trial will run again on resume", file, lineNo);
                problems.add(file.getFileName() + " line " + lineNo + " could not be read and is left out"
                        + (last ? " (a trial still being written, or cut off by a kill)." : "."));
            } else if (trials.putIfAbsent(record.id(), record) != null) {
                LOG.warn("{}:{}: trial {} appears again; the first line is kept", file, lineNo, record.id());
            }
        }
        return new TrialsFile(trials, problems);
    }

    /** One line of trials.jsonl, or {@code null} when it is not a whole, valid trial line. */
    static TrialRecord parse(String line) {
        try {
            return Json.mapper().readValue(line, TrialRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
