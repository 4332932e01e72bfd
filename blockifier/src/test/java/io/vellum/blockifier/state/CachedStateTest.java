package io.vellum.blockifier.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CachedStateTest {
    private static final ContractAddress A = ContractAddress.of(0xa);
    private static final ContractAddress B = ContractAddress.of(0xb);
    private static final StorageKey K1 = StorageKey.of(1);
    private static final StorageKey K2 = StorageKey.of(2);

    @Test
    void readsThroughToTheBaseAndSeesItsOwnWrites() {
        InMemoryState base = new InMemoryState();
        base.apply(diffWithStorage(A, K1, Felt.of(5)));
        CachedState state = new CachedState(base);
        assertThat(state.storageAt(A, K1)).isEqualTo(Felt.of(5));
        assertThat(state.storageAt(A, K2)).isEqualTo(Felt.ZERO);
        state.setStorage(A, K1, Felt.of(6));
        assertThat(state.storageAt(A, K1)).isEqualTo(Felt.of(6));
        assertThat(base.storageAt(A, K1)).as("the base is never written").isEqualTo(Felt.of(5));
    }

    @Test
    void nestedRollbackUndoesOnlyTheInnerWrites() {
        CachedState state = new CachedState(new InMemoryState());
        state.setStorage(A, K1, Felt.of(1));
        CachedState.Checkpoint outer = state.checkpoint();
        state.setStorage(A, K1, Felt.of(2));
        state.setNonce(A, Nonce.of(1));
        CachedState.Checkpoint inner = state.checkpoint();
        state.setStorage(A, K2, Felt.of(3));
        state.setClassHash(B, ClassHash.of("0x99"));
        state.rollback(inner);
        assertThat(state.storageAt(A, K1)).isEqualTo(Felt.of(2));
        assertThat(state.storageAt(A, K2)).isEqualTo(Felt.ZERO);
        assertThat(state.classHashAt(B)).isEqualTo(ClassHash.ZERO);
        assertThat(state.nonceAt(A)).isEqualTo(Nonce.of(1));
        state.rollback(outer);
        assertThat(state.storageAt(A, K1)).isEqualTo(Felt.of(1));
        assertThat(state.nonceAt(A)).isEqualTo(Nonce.ZERO);
        assertThatThrownBy(() -> state.rollback(inner)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void diffLeavesOutWritesThatRestoreTheBaseValue() {
        InMemoryState base = new InMemoryState();
        base.apply(diffWithStorage(A, K1, Felt.of(5)));
        CachedState state = new CachedState(base);
        state.setStorage(A, K1, Felt.of(7));
        state.setStorage(A, K1, Felt.of(5)); // back to the original, never read first
        state.setStorage(A, K2, Felt.of(9));
        state.setNonce(B, Nonce.ZERO); // unchanged
        state.declareClass(ClassHash.of("0x1234"), new CompiledClassHash(Felt.of(77)));
        StateDiff diff = state.diff();
        assertThat(diff.storageUpdates()).containsOnlyKeys(A);
        assertThat(diff.storageUpdates().get(A)).containsExactly(Map.entry(K2, Felt.of(9)));
        assertThat(diff.nonces()).isEmpty();
        assertThat(diff.declaredClasses()).hasSize(1);
        assertThat(diff.length()).isEqualTo(2);
    }

    @Test
    void diffIsSortedByAddressThenKey() {
        CachedState state = new CachedState(new InMemoryState());
        state.setStorage(B, K2, Felt.ONE);
        state.setStorage(A, K2, Felt.ONE);
        state.setStorage(A, K1, Felt.ONE);
        StateDiff diff = state.diff();
        assertThat(diff.storageUpdates().firstKey()).isEqualTo(A);
        assertThat(diff.storageUpdates().get(A).firstKey()).isEqualTo(K1);
    }

    static Stream<Long> seeds() {
        return Samples.stream("cached-state-model", 200, SplittableRandom::nextLong);
    }

    /**
     * Random writes, checkpoints and rollbacks against a model that copies whole maps at each checkpoint: after
     * every operation reads agree, and the final diff equals the model's difference from the base.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithACopyingModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        InMemoryState base = new InMemoryState();
        Map<String, Felt> baseModel = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            ContractAddress address = ContractAddress.of(random.nextInt(3));
            StorageKey key = StorageKey.of(random.nextInt(4));
            Felt value = Felt.of(1 + random.nextInt(3));
            base.apply(diffWithStorage(address, key, value));
            baseModel.put(address + "/" + key, value);
        }
        CachedState state = new CachedState(base);
        Map<String, Felt> model = new HashMap<>(baseModel);
        List<CachedState.Checkpoint> checkpoints = new ArrayList<>();
        List<Map<String, Felt>> snapshots = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            int op = random.nextInt(10);
            if (op < 6) {
                ContractAddress address = ContractAddress.of(random.nextInt(3));
                StorageKey key = StorageKey.of(random.nextInt(4));
                Felt value = Felt.of(random.nextInt(4));
                state.setStorage(address, key, value);
                model.put(address + "/" + key, value);
            } else if (op < 8) {
                checkpoints.add(state.checkpoint());
                snapshots.add(new HashMap<>(model));
            } else if (!checkpoints.isEmpty()) {
                int index = random.nextInt(checkpoints.size());
                state.rollback(checkpoints.get(index));
                model = new HashMap<>(snapshots.get(index));
                checkpoints.subList(index, checkpoints.size()).clear();
                snapshots.subList(index, snapshots.size()).clear();
            }
            for (int a = 0; a < 3; a++) {
                for (int k = 0; k < 4; k++) {
                    ContractAddress address = ContractAddress.of(a);
                    StorageKey key = StorageKey.of(k);
                    assertThat(state.storageAt(address, key)).as("seed %d step %d", seed, step)
                            .isEqualTo(model.getOrDefault(address + "/" + key, Felt.ZERO));
                }
            }
        }
        StateDiff diff = state.diff();
        Map<String, Felt> expected = new HashMap<>();
        model.forEach((slot, value) -> {
            if (!value.equals(baseModel.getOrDefault(slot, Felt.ZERO))) {
                expected.put(slot, value);
            }
        });
        Map<String, Felt> actual = new HashMap<>();
        diff.storageUpdates().forEach((address, updates) ->
                updates.forEach((key, value) -> actual.put(address + "/" + key, value)));
        assertThat(actual).as("seed %d", seed).isEqualTo(expected);
    }

    private static StateDiff diffWithStorage(ContractAddress address, StorageKey key, Felt value) {
        CachedState writer = new CachedState(new InMemoryState());
        writer.setStorage(address, key, value);
        return writer.diff();
    }
}
