package io.vellum.blockifier.commitment;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs tasks 0..n-1 on the caller's thread and on helpers submitted to an executor, sharing one counter: each
 * thread claims the next unclaimed task until none is left. The caller then waits only for tasks other threads
 * have claimed, which are running; a helper the executor has not started yet (a busy or saturated pool, or the
 * caller's own pool) finds nothing left to claim when it does start. So nesting (a task that itself shares work)
 * cannot deadlock, and a direct executor simply runs everything in the caller.
 *
 * <p>The first failure of any task is rethrown in the caller once every claimed task has finished.
 */
final class WorkSharing {
    private WorkSharing() {
    }

    static void run(Parallelism parallelism, int taskCount, IntConsumer task) {
        if (taskCount <= 0) {
            return;
        }
        if (!parallelism.isParallel() || taskCount == 1) {
            for (int i = 0; i < taskCount; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(taskCount);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int index;
            while ((index = next.getAndIncrement()) < taskCount) {
                try {
                    if (failure.get() == null) {
                        task.accept(index);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.countDown();
                }
            }
        };
        int helpers = Math.min(parallelism.threads() - 1, taskCount - 1);
        for (int i = 0; i < helpers; i++) {
            try {
                parallelism.executor().execute(worker);
            } catch (RejectedExecutionException rejected) {
                break; // the caller does the work itself
            }
        }
        worker.run();
        awaitClaimedTasks(finished);
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException("a parallel task failed", thrown);
        }
    }

    private static void awaitClaimedTasks(CountDownLatch finished) {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                // The claimed tasks are running and will finish; keep waiting, then restore the flag.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
