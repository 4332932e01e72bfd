package io.vellum.consensus.node;

/**
 * How a node runs Apache Ratis: timings, snapshots, log purging, and the client's window and retries. The
 * defaults follow {@code RATIS.md} (measured on a 2-core machine).
 *
 * @param electionTimeoutMinMs lower bound of the randomized election timeout (below 150 ms, CPU pauses on 2 cores
 *     cause needless elections)
 * @param electionTimeoutMaxMs upper bound of the election timeout
 * @param requestTimeoutMs how long a server or client waits for one RPC
 * @param snapshotThresholdEntries a snapshot is taken every this many applied entries; the log is then purged up to
 *     it, so a follower that lagged further must install a snapshot
 * @param purgeGapEntries the log is purged at most every this many entries
 * @param logSegmentSizeMaxBytes size of a log segment (only closed segments are purged)
 * @param clientWindow entries a node's client may have in flight
 * @param submitWaitMs how long the dispatcher waits for room in the window before dropping an entry of the core (the
 *     core resends what matters)
 * @param retryAttempts how many times the client tries one entry (across leader changes)
 * @param retrySleepMs the pause between tries
 * @param tickIntervalMs how often the core's clock duties run
 * @param transferTimeoutMs how long a leadership transfer may take
 * @param dispatchQueueCapacity the most actions waiting for the dispatcher (apply blocks when full)
 * @param sleepDeviationThresholdMs a follower whose own election timer fired this much late (a JVM pause, CPU
 *     starvation) waits another round instead of starting an election: with every node of a test cluster in one JVM,
 *     a GC pause otherwise looks like a dead leader to all followers at once
 */
public record RatisSettings(
        long electionTimeoutMinMs,
        long electionTimeoutMaxMs,
        long requestTimeoutMs,
        long snapshotThresholdEntries,
        int purgeGapEntries,
        long logSegmentSizeMaxBytes,
        int clientWindow,
        long submitWaitMs,
        int retryAttempts,
        long retrySleepMs,
        long tickIntervalMs,
        long transferTimeoutMs,
        int dispatchQueueCapacity,
        long sleepDeviationThresholdMs) {

    /** Defaults for a cluster on one machine. */
    public static final RatisSettings DEFAULT = new RatisSettings(150, 300, 3_000, 20_000, 1_000, 8L << 20, 64,
            1_000, 30, 100, 10, 3_000, 100_000, 100);

    public RatisSettings {
        if (electionTimeoutMinMs < 10 || electionTimeoutMaxMs <= electionTimeoutMinMs) {
            throw new IllegalArgumentException("election timeout must satisfy 10 <= min < max: " + electionTimeoutMinMs
                    + ", " + electionTimeoutMaxMs);
        }
        if (requestTimeoutMs < electionTimeoutMaxMs) {
            throw new IllegalArgumentException("request timeout " + requestTimeoutMs
                    + " ms must be at least the election timeout " + electionTimeoutMaxMs + " ms");
        }
        if (snapshotThresholdEntries < 1 || purgeGapEntries < 1 || logSegmentSizeMaxBytes < 64 * 1024) {
            throw new IllegalArgumentException("snapshot threshold and purge gap must be positive, segments at least "
                    + "64 KiB");
        }
        if (clientWindow < 2) {
            throw new IllegalArgumentException("client window must be at least 2 (Ratis' async minimum): "
                    + clientWindow);
        }
        if (submitWaitMs < 1 || retryAttempts < 1 || retrySleepMs < 1 || tickIntervalMs < 1 || transferTimeoutMs < 1
                || dispatchQueueCapacity < 16 || sleepDeviationThresholdMs < 1) {
            throw new IllegalArgumentException("waits, retries, tick interval and queue capacity must be positive");
        }
    }

    public RatisSettings withSnapshots(long thresholdEntries, int purgeGap, long segmentSizeMaxBytes) {
        return new RatisSettings(electionTimeoutMinMs, electionTimeoutMaxMs, requestTimeoutMs, thresholdEntries,
                purgeGap, segmentSizeMaxBytes, clientWindow, submitWaitMs, retryAttempts, retrySleepMs,
                tickIntervalMs, transferTimeoutMs, dispatchQueueCapacity, sleepDeviationThresholdMs);
    }

    public RatisSettings withElectionTimeoutMs(long minMs, long maxMs) {
        return new RatisSettings(minMs, maxMs, requestTimeoutMs, snapshotThresholdEntries, purgeGapEntries,
                logSegmentSizeMaxBytes, clientWindow, submitWaitMs, retryAttempts, retrySleepMs, tickIntervalMs,
                transferTimeoutMs, dispatchQueueCapacity, sleepDeviationThresholdMs);
    }
}
