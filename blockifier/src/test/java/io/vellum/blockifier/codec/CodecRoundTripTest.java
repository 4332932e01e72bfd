package io.vellum.blockifier.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.codec.DomainSamples.Case;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.TransactionHashes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every codec over seeded random values of its type: decoding an encoding gives the value back, encoding is
 * deterministic (equal values give identical bytes), and nested use (write/read) agrees with top-level use.
 */
class CodecRoundTripTest {
    private static final int SAMPLES_PER_TYPE = 150;

    static Stream<Arguments> values() {
        return DomainSamples.cases().stream().flatMap(c -> Samples.stream("codec-round-trip-" + c.name(),
                SAMPLES_PER_TYPE, r -> Arguments.of(c, c.draw().apply(r))));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("values")
    <T> void decodesWhatItEncodes(Case<T> type, T value) throws DecodingException {
        byte[] bytes = type.codec().encode(value);
        assertThat(bytes[0]).isEqualTo((byte) Codecs.FORMAT_VERSION);
        T decoded = type.codec().decode(bytes);
        assertThat(decoded).isEqualTo(value);
        // Equal values, distinct instances: identical bytes.
        assertThat(type.codec().encode(decoded)).isEqualTo(bytes);
        assertThat(type.codec().encode(value)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("values")
    <T> void nestedBodiesFollowEachOther(Case<T> type, T value) throws DecodingException {
        // Two bodies back to back in one top-level value read back in order, each ending where the next begins.
        CodecWriter writer = new CodecWriter(8);
        writer.writeByte(Codecs.FORMAT_VERSION);
        type.codec().write(writer, value);
        int firstEnd = writer.size();
        type.codec().write(writer, value);
        CodecReader reader = CodecReader.open(writer.toByteArray());
        assertThat(type.codec().read(reader)).isEqualTo(value);
        assertThat(reader.position()).isEqualTo(firstEnd);
        assertThat(type.codec().read(reader)).isEqualTo(value);
        reader.expectEnd();
    }

    static Stream<ExecutableTransaction> executables() {
        return Samples.stream("codec-executable", 50,
                r -> ExecutableTransaction.of(DomainSamples.transaction(r), DomainSamples.CHAIN));
    }

    @ParameterizedTest
    @MethodSource("executables")
    void anExecutableTransactionIsItsTransactionAndItsHashIsRecomputed(ExecutableTransaction executable)
            throws DecodingException {
        byte[] bytes = TransactionCodecs.executable(DomainSamples.CHAIN).encode(executable);
        assertThat(bytes).isEqualTo(TransactionCodecs.TRANSACTION.encode(executable.transaction()));
        ExecutableTransaction decoded = TransactionCodecs.executable(DomainSamples.CHAIN).decode(bytes);
        assertThat(decoded.hash()).isEqualTo(TransactionHashes.hash(executable.transaction(), DomainSamples.CHAIN));
        // Read on another chain, the same bytes are the same transaction with that chain's hash.
        ExecutableTransaction elsewhere =
                TransactionCodecs.executable(io.vellum.blockifier.core.ChainId.MAINNET).decode(bytes);
        assertThat(elsewhere.transaction()).isEqualTo(executable.transaction());
        assertThat(elsewhere.hash()).isNotEqualTo(executable.hash());
    }

    static Stream<StateDiff> stateDiffs() {
        return Samples.stream("codec-state-diff-order", 50, DomainSamples::stateDiff);
    }

    @ParameterizedTest
    @MethodSource("stateDiffs")
    void aStateDiffEncodesTheSameWhateverOrderItWasBuiltIn(StateDiff diff) {
        SplittableRandom random = new SplittableRandom(diff.length());
        Map<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new LinkedHashMap<>();
        for (ContractAddress contract : shuffled(diff.storageUpdates().keySet(), random)) {
            storage.put(contract, new TreeMap<>(diff.storageUpdates().get(contract)));
        }
        StateDiff rebuilt = new StateDiff(new TreeMap<>(storage),
                new TreeMap<ContractAddress, Nonce>(new HashMap<>(diff.nonces())),
                new TreeMap<ContractAddress, ClassHash>(new HashMap<>(diff.deployedContracts())),
                new TreeMap<ClassHash, CompiledClassHash>(new HashMap<>(diff.declaredClasses())));
        assertThat(StateCodecs.STATE_DIFF.encode(rebuilt)).isEqualTo(StateCodecs.STATE_DIFF.encode(diff));
    }

    private static <T> List<T> shuffled(Iterable<T> items, SplittableRandom random) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        Collections.shuffle(out, new java.util.Random(random.nextLong()));
        return out;
    }
}
