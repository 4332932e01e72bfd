package io.vellum.blockifier.state;

/** State could not be read (an I/O error or corruption below a {@link StateReader}). */
public final class StateReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateReadException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateReadException(String message) {
        super(message);
    }
}
