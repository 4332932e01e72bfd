package io.vellum.blockifier.testing;

import io.vellum.blockifier.crypto.Felt;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded, edge-biased random inputs for property tests (parameterized tests run over many samples).
 *
 * <p>Every sample stream is drawn from a seed derived from the property's name, so a run is reproducible; set
 * {@code -Dvellum.seed=N} to explore other samples, and the seed in use appears in each test's display name.
 */
public final class Samples {
    private static final long DEFAULT_SEED = 0x5eed_7e11_0000_0001L;

    private static final List<Felt> EDGE_FELTS = List.of(
            Felt.ZERO, Felt.ONE, Felt.TWO, Felt.MAX, Felt.MAX.sub(Felt.ONE),
            Felt.ofUnsigned(-1L),
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(64)),
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)),
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(192)),
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251).subtract(BigInteger.ONE)),
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251)),
            Felt.fromBigInteger(Felt.MODULUS.shiftRight(1)));

    private Samples() {
    }

    /** The seed for a named property: {@code -Dvellum.seed} if set, else a fixed default, mixed with the name. */
    public static long seed(String property) {
        String override = System.getProperty("vellum.seed");
        long base = override == null ? DEFAULT_SEED : Long.parseLong(override);
        return base ^ property.hashCode();
    }

    /** {@code count} samples made by {@code draw} from the property's seed. */
    public static <T> Stream<T> stream(String property, int count, Function<SplittableRandom, T> draw) {
        SplittableRandom random = new SplittableRandom(seed(property));
        return IntStream.range(0, count).mapToObj(i -> draw.apply(random));
    }

    /** A uniform felt in [0, p). */
    public static Felt uniformFelt(SplittableRandom random) {
        while (true) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            bytes[0] &= 0x0f; // below 2^252; about half the draws are below p
            BigInteger value = new BigInteger(1, bytes);
            if (value.compareTo(Felt.MODULUS) < 0) {
                return Felt.fromBigInteger(value);
            }
        }
    }

    /** A felt: mostly uniform, sometimes an edge value (0, 1, p - 1, limb boundaries), sometimes small. */
    public static Felt felt(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick < 7) {
            return uniformFelt(random);
        }
        if (pick < 9) {
            return EDGE_FELTS.get(random.nextInt(EDGE_FELTS.size()));
        }
        return Felt.of(random.nextInt(1000));
    }

    /** A uniform value of {@code bits} bits or fewer. */
    public static BigInteger bits(SplittableRandom random, int bits) {
        byte[] bytes = new byte[(bits + 7) / 8];
        random.nextBytes(bytes);
        return new BigInteger(1, bytes).shiftRight(bytes.length * 8 - bits);
    }
}
