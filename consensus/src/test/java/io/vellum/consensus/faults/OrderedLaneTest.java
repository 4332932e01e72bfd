package io.vellum.consensus.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OrderedLaneTest {
    private static final long MS = 1_000_000L;

    @Test
    @Timeout(10)
    void eventsRunInSubmissionOrderAndNoEarlierThanDue() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            OrderedLane lane = new OrderedLane(scheduler, System::nanoTime);
            List<Integer> order = new CopyOnWriteArrayList<>();
            List<Long> lateness = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(4);
            long start = System.nanoTime();
            long[] dues = {start + 120 * MS, start + 40 * MS, start, start + 80 * MS};
            for (int i = 0; i < dues.length; i++) {
                int index = i;
                long due = dues[i];
                lane.submit(due, () -> {
                    order.add(index);
                    lateness.add(System.nanoTime() - due);
                    done.countDown();
                });
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly(0, 1, 2, 3);
            assertThat(lateness).allMatch(late -> late >= 0);
            // Later events wait for the first one (120 ms) even when due earlier.
            assertThat(lane.queued()).isZero();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void anEventDueNowOnAnEmptyLaneRunsOnTheCallersThread() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            OrderedLane lane = new OrderedLane(scheduler, System::nanoTime);
            Thread[] ranOn = new Thread[1];
            assertThat(lane.submit(System.nanoTime(), () -> ranOn[0] = Thread.currentThread())).isFalse();
            assertThat(ranOn[0]).isSameAs(Thread.currentThread());
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aClosedSchedulerDeliversWhatWaitsAtOnce() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduler.shutdownNow();
        OrderedLane lane = new OrderedLane(scheduler, System::nanoTime);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        lane.submit(System.nanoTime() + 10_000 * MS, () -> ran.add(1));
        assertThat(ran).containsExactly(1);
    }
}
