package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments. Each iteration starts a child JVM ({@link CrashChild}) that commits heavy batches,
 * each a pure function of its applied index, and kills it with SIGKILL after a seeded random delay — during JVM
 * start-up, while RocksDB opens and recovers, or (mostly) in the middle of committing. Then the parent reopens
 * the store and checks that it is exactly the model state after the store's recorded applied index
 * ({@link CrashModel}: every value and the entry count of every column family), that the applied index never went
 * back, and the next iteration's child carries on from there. The durability mode rotates over
 * {@link StoreOptions#durable()}, {@link StoreOptions#processCrashSafe()} and {@link StoreOptions#noWriteAheadLog()}.
 *
 * <p>{@code -Dvellum.seed=N} replays a workload and the kill delays (the kill moments relative to the child's work
 * still vary with the machine); {@code -Dvellum.crash.iterations=N} runs more or fewer rounds.
 */
class CrashTest {
    private static final String[] MODES = {"process", "durable", "nowal"};
    private static final long CHILD_DEADLINE_MS = 60_000;
    /** Every fourth kill is timed from the child's start (so some land in start-up or recovery)... */
    private static final long KILL_AFTER_START_MAX_MS = 1_500;
    /** ...the others from the moment it reports the store open, so they land among commits. */
    private static final long KILL_AFTER_READY_MAX_MS = 1_200;
    private static final long READY_WAIT_MAX_MS = 30_000;

    @TempDir
    Path directory;

    @Test
    void afterSigkillTheStoreIsExactlyTheStateAfterItsAppliedIndex() throws Exception {
        long seed = Long.getLong("vellum.seed", 20_251_122L);
        int iterations = Integer.getInteger("vellum.crash.iterations", 24);
        System.out.println("CrashTest seed " + seed + ", " + iterations + " iterations (replay with -Dvellum.seed="
                + seed + ")");
        Random random = new Random(seed);
        Path store = directory.resolve("store");
        CrashWorkload workload = new CrashWorkload(seed);
        CrashModel model = new CrashModel(workload);
        List<String> report = new ArrayList<>();
        long killedWithProgress = 0;

        for (int iteration = 0; iteration < iterations; iteration++) {
            String mode = MODES[iteration % MODES.length];
            boolean fromStart = iteration % 4 == 3;
            long delayMs = (long) (random.nextDouble() * (fromStart ? KILL_AFTER_START_MAX_MS
                    : KILL_AFTER_READY_MAX_MS));
            Path log = directory.resolve("child-" + iteration + ".log");
            Process child = start(store, seed, mode, log);
            if (!fromStart) {
                awaitReady(child, log);
            }
            boolean exitedEarly = child.waitFor(delayMs, TimeUnit.MILLISECONDS);
            if (exitedEarly) {
                throw new AssertionError("child exited by itself with " + child.exitValue() + " in iteration "
                        + iteration + ":\n" + Files.readString(log));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

            long before = model.applied;
            try (Store reopened = Store.open(store, StoreOptions.processCrashSafe())) {
                long index = reopened.appliedIndex().map(AppliedIndex::index).orElse(0L);
                assertThat(index).as("applied index never goes back (iteration " + iteration + ", " + mode + ")")
                        .isGreaterThanOrEqualTo(before);
                model.advanceTo(index);
                model.verify(reopened, new Random(seed + iteration), 30);
                if (iteration == iterations - 1) {
                    StoreValidator.validate(reopened);
                }
            }
            if (model.applied > before) {
                killedWithProgress++;
            }
            String line = String.format("iteration %2d: %-7s killed %4d ms after %-5s applied index %5d -> %5d",
                    iteration, mode, delayMs, fromStart ? "start" : "ready", before, model.applied);
            report.add(line);
            System.out.println("CrashTest " + line);
        }
        assertThat(killedWithProgress).as("iterations in which the child committed something before the kill:\n"
                + String.join("\n", report)).isGreaterThanOrEqualTo(iterations / 3);
    }

    @Test
    void theChildNeverOutlivesItsParentOrItsDeadline() throws Exception {
        // Parent gone: its end of the child's standard input closes, and the child halts (exit 3).
        Path log = directory.resolve("orphan.log");
        Process orphan = start(directory.resolve("orphan"), 1, "process", log, CHILD_DEADLINE_MS);
        awaitReady(orphan, log);
        orphan.getOutputStream().close();
        assertThat(orphan.waitFor(20, TimeUnit.SECONDS)).as("child exits when its stdin closes").isTrue();
        assertThat(orphan.exitValue()).isEqualTo(3);

        // Deadline passed: the child stops committing, closes the store and exits (4).
        Path late = directory.resolve("late.log");
        Process child = start(directory.resolve("late"), 1, "process", late, 1_000);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exits at its deadline").isTrue();
        assertThat(child.exitValue()).as(Files.readString(late)).isEqualTo(4);
        try (Store store = Store.open(directory.resolve("late"), StoreOptions.processCrashSafe())) {
            StoreValidator.validate(store);
        }
    }

    /** Waits until the child has opened the store (it prints "ready"), bounded. */
    private static void awaitReady(Process child, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WAIT_MAX_MS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("ready")) {
                return;
            }
            if (child.waitFor(5, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child exited with " + child.exitValue() + " before opening the store:\n"
                        + Files.readString(log));
            }
        }
        child.destroyForcibly();
        throw new AssertionError("child did not open the store within " + READY_WAIT_MAX_MS + " ms:\n"
                + Files.readString(log));
    }

    private static Process start(Path store, long seed, String mode, Path log) throws IOException {
        return start(store, seed, mode, log, CHILD_DEADLINE_MS);
    }

    private static Process start(Path store, long seed, String mode, Path log, long deadlineMs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-ea",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                store.toString(), Long.toString(seed), mode, Long.toString(deadlineMs));
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        // Standard input stays a pipe the parent never writes to: the child's watchdog sees it close if the
        // parent dies.
        return builder.start();
    }
}
