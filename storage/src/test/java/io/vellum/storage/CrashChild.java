package io.vellum.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The crash test's child process: opens the store, then commits the crash workload's batches from its applied
 * index + 1 on, as fast as it can, until the parent kills it with SIGKILL.
 *
 * <p>It never outlives its parent: it exits by itself when its deadline passes, and at once when its standard
 * input reaches end of file (the parent holds the pipe open; the kernel closes it when the parent dies).
 *
 * <p>Arguments: store directory, workload seed, durability mode ({@code durable}, {@code process}, {@code nowal}),
 * deadline in milliseconds from start.
 */
public final class CrashChild {
    private CrashChild() {
    }

    static StoreOptions options(String mode) {
        StoreOptions base = switch (mode) {
            case "durable" -> StoreOptions.durable();
            case "process" -> StoreOptions.processCrashSafe();
            case "nowal" -> StoreOptions.noWriteAheadLog();
            default -> throw new IllegalArgumentException("mode " + mode);
        };
        // Small memtables: flushes (and so files and, without a log, durability points) happen often.
        return base.withWriteBufferBytes(1L << 20).withBlockCacheBytes(16L << 20);
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        String mode = args[2];
        long deadlineMs = Long.parseLong(args[3]);
        long start = System.nanoTime();

        Thread watchdog = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // The parent writes nothing; end of file means it is gone.
                }
            } catch (IOException e) {
                // Treated as the parent gone.
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        CrashWorkload workload = new CrashWorkload(seed);
        long committed = 0;
        try (Store store = Store.open(directory, options(mode))) {
            long first = store.appliedIndex().map(a -> a.index() + 1).orElse(1L);
            // Plans are made on another thread, so this one spends its time building and writing batches: that
            // is where the kills should land.
            BlockingQueue<CrashWorkload.Plan> plans = new ArrayBlockingQueue<>(4);
            Thread planner = new Thread(() -> {
                try {
                    for (long index = first; ; index++) {
                        plans.put(workload.plan(index));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "planner");
            planner.setDaemon(true);
            planner.start();
            CrashWorkload.Plan plan = plans.take();
            System.out.println("ready at index " + first);
            System.out.flush();
            while ((System.nanoTime() - start) / 1_000_000 < deadlineMs) {
                try (ApplyBatch batch = store.batch()) {
                    CrashWorkload.apply(plan, batch);
                    batch.commit();
                }
                committed++;
                plan = plans.take();
            }
            planner.interrupt();
        }
        System.out.println("deadline passed after " + committed + " batches");
        System.exit(4);
    }
}
