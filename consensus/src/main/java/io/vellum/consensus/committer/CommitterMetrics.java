package io.vellum.consensus.committer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.consensus.store.RocksCoreStore;
import java.util.concurrent.TimeUnit;

/**
 * The committer's meters, named {@code vellum.committer.*} and carrying the node's tags. Gauges read the store's
 * markers (lock-free, any thread); the rest is recorded on the committer's thread. Listed in
 * {@code docs/committer-and-prover.md}.
 */
final class CommitterMetrics {
    private final MeterRegistry registry;
    private final Timer block;
    private final Timer read;
    private final Timer write;
    private final DistributionSummary hashes;
    private final DistributionSummary transactions;
    private final Counter blocks;

    CommitterMetrics(MeterRegistry registry, Tags tags, RocksCoreStore chain, Committer committer) {
        this.registry = registry;
        Gauge.builder("vellum.committer.lag", committer, Committer::lagBlocks).tags(tags).baseUnit("blocks")
                .description("final height minus committed height").register(registry);
        Gauge.builder("vellum.committer.height", chain, c -> height(c.store().committedHeight()
                .map(BlockNumber::value).orElse(-1L))).tags(tags).baseUnit("blocks")
                .description("the highest block whose state root and block hash are recorded").register(registry);
        Gauge.builder("vellum.committer.failed", committer, c -> c.failure().isPresent() ? 1 : 0).tags(tags)
                .description("1 once the committer has stopped on an error").register(registry);
        block = Timer.builder("vellum.committer.block.time").tags(tags)
                .description("time to commit one block: read, hash, write").register(registry);
        read = Timer.builder("vellum.committer.phase.time").tags(tags).tag("phase", "prepare")
                .description("time of one phase of a block's commit").register(registry);
        write = Timer.builder("vellum.committer.phase.time").tags(tags).tag("phase", "write")
                .description("time of one phase of a block's commit").register(registry);
        hashes = DistributionSummary.builder("vellum.committer.hashes").tags(tags).baseUnit("hashes")
                .description("hashes computed per block (trie nodes, leaves, roots, block hash)").register(registry);
        transactions = DistributionSummary.builder("vellum.committer.block.transactions").tags(tags)
                .baseUnit("transactions").description("transactions per committed block").register(registry);
        blocks = Counter.builder("vellum.committer.blocks").tags(tags).baseUnit("blocks")
                .description("blocks committed").register(registry);
    }

    private static double height(long value) {
        return value;
    }

    /** The registry clock's monotonic time, for durations. */
    long nanoTime() {
        return registry.config().clock().monotonicTime();
    }

    void committed(CommittedBlock committed, long prepareNanos, long writeNanos) {
        block.record(committed.durationNanos(), TimeUnit.NANOSECONDS);
        read.record(prepareNanos, TimeUnit.NANOSECONDS);
        write.record(writeNanos, TimeUnit.NANOSECONDS);
        hashes.record(committed.hashCount());
        transactions.record(committed.transactionCount());
        blocks.increment();
    }
}
