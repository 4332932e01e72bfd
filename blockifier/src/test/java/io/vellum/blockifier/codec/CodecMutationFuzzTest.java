package io.vellum.blockifier.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vellum.blockifier.codec.DomainSamples.Case;
import io.vellum.blockifier.testing.Samples;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated valid encodings (truncated, a bit flipped, a byte replaced, inserted or deleted, bytes appended): each
 * either fails with a {@link DecodingException} whose offset lies inside the input, or decodes to a value that
 * encodes back to exactly the mutated bytes. Any other outcome — another exception, or a value with a different
 * encoding — fails with the seed, the type and the bytes, so it can be replayed.
 */
class CodecMutationFuzzTest {
    private static final int VALUES_PER_TYPE = 60;
    private static final int MUTATIONS_PER_VALUE = 60;

    static Stream<Case<?>> types() {
        return DomainSamples.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T> void mutatedBytesAreRefusedOrCanonical(Case<T> type) {
        String property = "codec-mutation-" + type.name();
        SplittableRandom random = new SplittableRandom(Samples.seed(property));
        Map<DecodingException.Reason, Integer> refusals = new EnumMap<>(DecodingException.Reason.class);
        int accepted = 0;
        for (int v = 0; v < VALUES_PER_TYPE; v++) {
            byte[] valid = type.codec().encode(type.draw().apply(random));
            for (int m = 0; m < MUTATIONS_PER_VALUE; m++) {
                byte[] mutated = mutate(valid, random);
                try {
                    T decoded = type.codec().decode(mutated);
                    byte[] again = type.codec().encode(decoded);
                    if (!Arrays.equals(again, mutated)) {
                        fail("%s decoded non-canonical bytes (seed %d): %s re-encodes as %s", type.name(),
                                Samples.seed(property), hex(mutated), hex(again));
                    }
                    accepted++;
                } catch (DecodingException e) {
                    assertThat(e.offset()).as(e.getMessage()).isBetween(0, mutated.length);
                    refusals.merge(e.reason(), 1, Integer::sum);
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(type.name() + " threw " + e + " instead of a DecodingException (seed "
                            + Samples.seed(property) + ") on " + hex(mutated) + ", mutated from " + hex(valid), e);
                }
            }
        }
        int refused = refusals.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(refused + accepted).isEqualTo(VALUES_PER_TYPE * MUTATIONS_PER_VALUE);
        // Truncation alone is a quarter of the mutations and always refused; the rest reach several checks.
        assertThat(refused).as("refusals: %s", refusals).isGreaterThan(VALUES_PER_TYPE * MUTATIONS_PER_VALUE / 5);
        assertThat(refusals.keySet()).as("refusals: %s", refusals).hasSizeGreaterThanOrEqualTo(4)
                .contains(DecodingException.Reason.TRUNCATED, DecodingException.Reason.TRAILING_BYTES);
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        int length = valid.length;
        switch (random.nextInt(8)) {
            case 0, 1: // truncate
                return Arrays.copyOf(valid, random.nextInt(length));
            case 2: { // flip one bit
                byte[] out = valid.clone();
                out[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 3: { // replace one byte
                byte[] out = valid.clone();
                out[random.nextInt(length)] = (byte) random.nextInt(256);
                return out;
            }
            case 4: { // append bytes
                byte[] out = Arrays.copyOf(valid, length + 1 + random.nextInt(4));
                for (int i = length; i < out.length; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
                return out;
            }
            case 5: { // insert a byte
                int at = random.nextInt(length + 1);
                byte[] out = new byte[length + 1];
                System.arraycopy(valid, 0, out, 0, at);
                out[at] = (byte) random.nextInt(256);
                System.arraycopy(valid, at, out, at + 1, length - at);
                return out;
            }
            case 6: { // delete a byte
                int at = random.nextInt(length);
                byte[] out = new byte[length - 1];
                System.arraycopy(valid, 0, out, 0, at);
                System.arraycopy(valid, at + 1, out, at, length - at - 1);
                return out;
            }
            default: { // a small value written over a byte: counts, tags and lengths are small numbers
                byte[] out = valid.clone();
                out[random.nextInt(length)] = (byte) random.nextInt(4);
                return out;
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
