package io.vellum.blockifier.bench;

import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.blockifier.crypto.StarkPoint;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of Stark-curve ECDSA, single thread: verification with a full public key and with an x-only stark
 * key, deterministic signing, and public-key derivation. Inputs (keys, messages, signatures) are precomputed in
 * {@link #setUp} and cycled through, so a measurement covers only the operation; every signature verifies.
 *
 * <p>Run from the project root:
 * <pre>
 * mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="EcdsaBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EcdsaBenchmark {
    private static final int INPUTS = 64;

    private final Felt[] privateKeys = new Felt[INPUTS];
    private final Felt[] starkKeys = new Felt[INPUTS];
    private final StarkPoint[] publicKeys = new StarkPoint[INPUTS];
    private final Felt[] messages = new Felt[INPUTS];
    private final Signature[] signatures = new Signature[INPUTS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(20240611L);
        for (int i = 0; i < INPUTS; i++) {
            privateKeys[i] = Felt.fromBigInteger(randomBits(random, 250).add(BigInteger.ONE));
            messages[i] = Felt.fromBigInteger(randomBits(random, 251));
            publicKeys[i] = Ecdsa.publicKeyPoint(privateKeys[i]);
            starkKeys[i] = publicKeys[i].x();
            signatures[i] = Ecdsa.sign(privateKeys[i], messages[i]);
            if (!Ecdsa.verify(publicKeys[i], messages[i], signatures[i])) {
                throw new IllegalStateException("benchmark input does not verify: " + i);
            }
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (INPUTS - 1);
        return i;
    }

    @Benchmark
    public boolean verifyFullPublicKey() {
        int i = nextIndex();
        return Ecdsa.verify(publicKeys[i], messages[i], signatures[i]);
    }

    @Benchmark
    public boolean verifyStarkKey() {
        int i = nextIndex();
        return Ecdsa.verify(starkKeys[i], messages[i], signatures[i]);
    }

    @Benchmark
    public Signature sign() {
        int i = nextIndex();
        return Ecdsa.sign(privateKeys[i], messages[i]);
    }

    @Benchmark
    public Felt publicKey() {
        return Ecdsa.publicKey(privateKeys[nextIndex()]);
    }

    private static BigInteger randomBits(SplittableRandom random, int bits) {
        byte[] bytes = new byte[(bits + 7) / 8];
        random.nextBytes(bytes);
        return new BigInteger(1, bytes).shiftRight(bytes.length * 8 - bits);
    }
}
