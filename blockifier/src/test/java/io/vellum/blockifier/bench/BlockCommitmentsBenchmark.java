package io.vellum.blockifier.bench;

import io.vellum.blockifier.commitment.BlockCommitments;
import io.vellum.blockifier.commitment.L1DataAvailabilityMode;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.commitment.SignedTransactionHash;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasConsumed;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.transaction.TransactionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The block commitments (transaction, event, receipt, state-diff) of a block of 1,000 fee-token transfers, which
 * the proposal commitment needs and so sit on the proposal's critical path: per transfer a two-felt signature, a
 * receipt with two events (the transfer and the fee transfer), a nonce and three balance writes shared out as in
 * {@code StateCommitmentBenchmark}. {@code threads} is how many threads may hash (1 = the caller alone). The score
 * is the time per block.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="BlockCommitmentsBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class BlockCommitmentsBenchmark {
    private static final int TRANSFERS = 1_000;

    @Param({"1", "2"})
    public int threads;

    private ExecutorService pool;
    private Parallelism parallelism;
    private List<SignedTransactionHash> transactions;
    private List<Receipt> receipts;
    private StateDiff diff;

    @Setup(Level.Trial)
    public void draw() {
        SplittableRandom random = new SplittableRandom(Samples.seed("BlockCommitmentsBenchmark"));
        ContractAddress feeToken = ContractAddress.of(0x49d3);
        Felt transferSelector = Samples.uniformFelt(random);
        transactions = new ArrayList<>();
        receipts = new ArrayList<>();
        NavigableMap<StorageKey, Felt> writes = new TreeMap<>();
        NavigableMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        for (int i = 0; i < TRANSFERS; i++) {
            Felt hash = Samples.uniformFelt(random);
            Felt sender = Felt.fromBigInteger(Samples.bits(random, 251));
            Felt recipient = Felt.fromBigInteger(Samples.bits(random, 251));
            transactions.add(new SignedTransactionHash(hash,
                    List.of(Samples.uniformFelt(random), Samples.uniformFelt(random))));
            List<Event> events = List.of(
                    new Event(feeToken, List.of(transferSelector),
                            List.of(sender, recipient, Felt.of(1000), Felt.ZERO)),
                    new Event(feeToken, List.of(transferSelector), List.of(sender, Felt.ONE, Felt.of(21), Felt.ZERO)));
            receipts.add(new Receipt(hash, TransactionType.INVOKE, Felt.of(21), ExecutionStatus.SUCCEEDED,
                    Optional.empty(), events, List.of(), GasConsumed.l2(21_000)));
            nonces.put(new ContractAddress(sender), Nonce.of(1 + random.nextInt(100)));
            for (int write = 0; write < 2; write++) {
                writes.put(new StorageKey(Felt.fromBigInteger(Samples.bits(random, 251))),
                        Felt.of(random.nextInt(1 << 30)));
            }
        }
        diff = new StateDiff(new TreeMap<>(Map.of(feeToken, writes)), nonces, new TreeMap<>(), new TreeMap<>());
        pool = Executors.newFixedThreadPool(Math.max(1, threads - 1));
        parallelism = new Parallelism(pool, threads);
    }

    @TearDown(Level.Trial)
    public void stopPool() {
        pool.shutdownNow();
    }

    @Benchmark
    public BlockCommitments commitmentsOfBlockOf1000Transfers() {
        return BlockCommitments.compute(transactions, receipts, diff, L1DataAvailabilityMode.BLOB,
                StarknetVersion.V0_14_0, parallelism);
    }
}
