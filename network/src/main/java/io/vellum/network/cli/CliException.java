package io.vellum.network.cli;

/**
 * A command that cannot do what was asked, with a message for the user (no stack trace) and the exit code:
 * {@link Main#EXIT_USAGE} when the user must change the input, {@link Main#EXIT_FAILURE} otherwise.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A failure while running (exit code 1). */
    public static CliException failure(String message) {
        return new CliException(Main.EXIT_FAILURE, message);
    }

    /** Bad input (exit code 2). */
    public static CliException usage(String message) {
        return new CliException(Main.EXIT_USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
