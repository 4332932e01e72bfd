package io.vellum.simulations.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vellum.simulations.check.Op;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's history: every client operation, appended as it is invoked and as it completes, kept in memory for the
 * checkers and written as JSON lines ({@code history.jsonl}). Thread-safe (the lock guards the list and the file).
 */
final class History implements AutoCloseable {
    private final ObjectMapper json = JsonMapper.builder().build();
    private final List<Op> ops = new ArrayList<>();
    private final BufferedWriter out;
    private long acked;
    private long failed;
    private long unknown;
    private long invoked;

    History(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    synchronized void append(Op op) {
        ops.add(op);
        switch (op.type()) {
            case invoke -> invoked++;
            case ok -> acked++;
            case fail -> failed++;
            case info -> unknown++;
        }
        try {
            out.write(json.writeValueAsString(op));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("history: cannot write", e);
        }
    }

    synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    synchronized long invoked() {
        return invoked;
    }

    synchronized long acked() {
        return acked;
    }

    synchronized long failed() {
        return failed;
    }

    synchronized long unknown() {
        return unknown;
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("history: cannot write", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
