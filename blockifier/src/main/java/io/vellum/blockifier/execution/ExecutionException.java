package io.vellum.blockifier.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Thrown inside contract execution to fail the current transaction phase with a typed {@link ExecutionError}.
 * Contracts throw it; the executor catches it at the phase boundary, rolls back, and turns it into a revert
 * reason or a rejection. It never escapes {@link TransactionExecutor}.
 *
 * <p>As the exception unwinds through nested calls each frame adds itself ({@link #addFrame}), so the revert
 * reason shows the call path from the outermost call to the failing one. It carries no stack trace: it is
 * control flow, thrown on every revert, and a trace would cost more than the failed transaction.
 */
public final class ExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Frames beyond this are summarised: a revert reason stays short even at the deepest nesting. */
    private static final int FRAMES_SHOWN_MAX = 8;

    private final transient ExecutionError error;
    /** Innermost first, as the exception unwinds. */
    private final ArrayList<String> frames = new ArrayList<>(4);

    public ExecutionException(ExecutionError error) {
        super(Objects.requireNonNull(error, "error").describe(), null, false, false);
        this.error = error;
    }

    public ExecutionError error() {
        return error;
    }

    /** Records that the failure passed through {@code frame} (for example {@code 0x12.transfer}). */
    public void addFrame(String frame) {
        frames.add(frame);
    }

    /** The call path, outermost first. */
    public List<String> callPath() {
        List<String> path = new ArrayList<>(frames);
        java.util.Collections.reverse(path);
        return path;
    }

    /**
     * The revert reason: {@code CODE: message} followed by the call path, outermost first, for example
     * {@code INSUFFICIENT_BALANCE: ERC20: ... [0xa.__execute__ > 0x47.transfer]}.
     */
    public String revertReason() {
        StringBuilder reason = new StringBuilder(error.describe());
        if (!frames.isEmpty()) {
            reason.append(" [");
            List<String> path = callPath();
            int shown = Math.min(path.size(), FRAMES_SHOWN_MAX);
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    reason.append(" > ");
                }
                reason.append(path.get(i));
            }
            if (path.size() > shown) {
                reason.append(" > ... ").append(path.size() - shown).append(" more");
            }
            reason.append(']');
        }
        return reason.toString();
    }
}
