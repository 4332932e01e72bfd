package io.vellum.network.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration, key or genesis file that cannot be used: unreadable, not YAML, an unknown key, a missing or
 * malformed value, or values that contradict each other. The message names the file and the field (as a dotted
 * path such as {@code limits.batching.batch_delay_ms}) so that the operator can fix it without reading code.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Path> file;
    private final String field;
    private final String reason;

    public ConfigException(Optional<Path> file, String field, String reason) {
        this(file, field, reason, null);
    }

    public ConfigException(Optional<Path> file, String field, String reason, Throwable cause) {
        super(format(file, field, reason), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.field = Objects.requireNonNull(field, "field");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String format(Optional<Path> file, String field, String reason) {
        String where = file.map(Path::toString).orElse("<inline>");
        return field.isEmpty() ? where + ": " + reason : where + ": " + field + ": " + reason;
    }

    /** The file at fault, if the configuration came from one. */
    public Optional<Path> file() {
        return file;
    }

    /** The dotted path of the field at fault; empty for the whole file. */
    public String field() {
        return field;
    }

    /** What is wrong, without the file and field. */
    public String reason() {
        return reason;
    }
}
