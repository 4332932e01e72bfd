package io.vellum.blockifier.bench;

import io.vellum.blockifier.codec.Codec;
import io.vellum.blockifier.codec.CodecWriter;
import io.vellum.blockifier.codec.DecodingException;
import io.vellum.blockifier.codec.TransactionCodecs;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The canonical encoding of a typical INVOKE ({@link BenchmarkTransactions#multicallTransfer()}: 10 calldata felts,
 * 2 signature felts): encoding, decoding, and decoding as an {@link ExecutableTransaction} (which recomputes the
 * Poseidon transaction hash). The last two benchmarks compare the minimal felt form the format uses with a
 * fixed 32-byte form, on the same felts, to show what the smaller encoding costs in time.
 *
 * <p>Run with:
 * <pre>mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="CodecBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private static final Codec<Transaction> CODEC = TransactionCodecs.TRANSACTION;

    private Transaction invoke;
    private byte[] encoded;
    private Codec<ExecutableTransaction> executableCodec;
    private CodecWriter writer;
    private List<Felt> felts;
    private byte[] fixedWidth;

    @Setup
    public void setUp() {
        InvokeTransaction transaction = BenchmarkTransactions.multicallTransfer();
        invoke = transaction;
        encoded = CODEC.encode(invoke);
        executableCodec = TransactionCodecs.executable(ChainId.SEPOLIA);
        writer = new CodecWriter(1024);
        felts = new ArrayList<>();
        felts.add(transaction.senderAddress().value());
        felts.addAll(transaction.calldata());
        felts.addAll(transaction.signature());
        felts.add(transaction.nonce().value());
        fixedWidth = new byte[felts.size() * Felt.BYTES];
    }

    @Benchmark
    public byte[] encodeInvoke() {
        return CODEC.encode(invoke);
    }

    @Benchmark
    public int encodeInvokeReusingWriter() {
        writer.reset();
        CODEC.encodeTo(writer, invoke);
        return writer.size();
    }

    @Benchmark
    public Transaction decodeInvoke() throws DecodingException {
        return CODEC.decode(encoded);
    }

    @Benchmark
    public ExecutableTransaction decodeInvokeAsExecutable() throws DecodingException {
        return executableCodec.decode(encoded);
    }

    @Benchmark
    public int feltsMinimalForm() {
        writer.reset();
        for (int i = 0; i < felts.size(); i++) {
            writer.writeFelt(felts.get(i));
        }
        return writer.size();
    }

    @Benchmark
    public byte[] feltsFixed32Bytes() {
        for (int i = 0; i < felts.size(); i++) {
            felts.get(i).writeBytes(fixedWidth, i * Felt.BYTES);
        }
        return fixedWidth;
    }
}
