package io.vellum.blockifier.bench;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.TipAndBoundsHashes;
import io.vellum.blockifier.transaction.TransactionHashes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Poseidon hash of a typical INVOKE v3 ({@link BenchmarkTransactions#multicallTransfer()}): what ingress pays
 * to check a signature, and what decoding an executable transaction pays: without and with a node's
 * {@link TipAndBoundsHashes} memo (the codec's path since the memo exists; the memo is warm after the first call).
 *
 * <p>Run with:
 * <pre>mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="TransactionHashBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransactionHashBenchmark {
    private InvokeTransaction invoke;
    private TipAndBoundsHashes memo;

    @Setup
    public void setUp() {
        invoke = BenchmarkTransactions.multicallTransfer();
        memo = new TipAndBoundsHashes();
    }

    @Benchmark
    public Felt invokeV3HashWithMemo() {
        return TransactionHashes.hash(invoke, ChainId.SEPOLIA, memo);
    }

    @Benchmark
    public Felt invokeV3Hash() {
        return TransactionHashes.hash(invoke, ChainId.SEPOLIA);
    }
}
