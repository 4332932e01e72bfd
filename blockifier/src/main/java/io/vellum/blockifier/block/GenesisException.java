package io.vellum.blockifier.block;

/**
 * A genesis description that cannot be used: not JSON, a missing or unknown field, a value of the wrong type or
 * out of range, duplicate accounts, balances that overflow. The message names the offending field by its path
 * in the document (for example {@code accounts[2].balance}).
 */
public final class GenesisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public GenesisException(String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
        this.path = path;
    }

    public GenesisException(String path, String message, Throwable cause) {
        super(path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path;
    }

    /** Where in the document the problem is ({@code ""} for the document as a whole). */
    public String path() {
        return path;
    }
}
