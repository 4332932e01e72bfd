package io.vellum.consensus.committer;

import java.util.Objects;

/**
 * How a {@link Committer} runs.
 *
 * @param threadName the name of its thread (a node puts its id in it)
 * @param idlePollMs how long its thread waits, when it has caught up, before it looks for new final blocks again
 *     unless {@link Committer#wakeUp()} is called first; bounds how late a missed wake-up is noticed
 * @param blocksPerRunMax the most blocks one {@link Committer#runOnce()} commits
 * @param stopTimeoutMs how long {@link Committer#stop()} waits for the block in progress to finish
 */
public record CommitterSettings(String threadName, long idlePollMs, int blocksPerRunMax, long stopTimeoutMs) {
    /** A 200 ms idle poll, up to 64 blocks per run, 30 s to stop. */
    public static final CommitterSettings DEFAULT = new CommitterSettings("vellum-committer", 200, 64, 30_000);

    public CommitterSettings {
        Objects.requireNonNull(threadName, "threadName");
        if (threadName.isBlank()) {
            throw new IllegalArgumentException("the thread name must not be blank");
        }
        if (idlePollMs < 1 || idlePollMs > 60_000) {
            throw new IllegalArgumentException("idlePollMs must be 1 to 60,000: " + idlePollMs);
        }
        if (blocksPerRunMax < 1 || blocksPerRunMax > 100_000) {
            throw new IllegalArgumentException("blocksPerRunMax must be 1 to 100,000: " + blocksPerRunMax);
        }
        if (stopTimeoutMs < 1 || stopTimeoutMs > 600_000) {
            throw new IllegalArgumentException("stopTimeoutMs must be 1 to 600,000: " + stopTimeoutMs);
        }
    }

    /** These settings under another thread name. */
    public CommitterSettings withThreadName(String name) {
        return new CommitterSettings(name, idlePollMs, blocksPerRunMax, stopTimeoutMs);
    }
}
