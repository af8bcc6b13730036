package io.amsgrid.fleet.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Which devices a long fleet operation has already done, one thing name per line, appended and
 * flushed after each device, so re-running the same command skips them. The first line names the
 * operation ({@code # set-interval 5}); a file for another operation is started afresh.
 */
public final class ProgressFile {
    private final Path file;
    private final Set<String> done = new HashSet<>();

    private ProgressFile(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the progress file of {@code operation}. */
    public static ProgressFile open(Path file, String operation) {
        ProgressFile p = new ProgressFile(file);
        String header = "# " + operation;
        try {
            if (Files.exists(file)) {
                var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.getFirst().equals(header)) {
                    lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(p.done::add);
                    return p;
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the progress file " + file, e);
        }
    }

    public synchronized boolean isDone(String thing) {
        return done.contains(thing);
    }

    public synchronized int doneCount() {
        return done.size();
    }

    public synchronized void markDone(String thing) {
        if (done.add(thing)) {
            try {
                Files.writeString(file, thing + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                        StandardOpenOption.SYNC);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the progress file " + file, e);
            }
        }
    }
}
