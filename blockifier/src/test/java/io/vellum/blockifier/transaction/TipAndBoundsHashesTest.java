package io.vellum.blockifier.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The memoised tip-and-bounds hash gives the same transaction hashes as computing it every time. */
class TipAndBoundsHashesTest {

    private static AllResourceBounds bounds(SplittableRandom random) {
        ResourceBounds l1 = ResourceBounds.of(random.nextInt(4), random.nextInt(3));
        ResourceBounds l2 = ResourceBounds.of(1 + random.nextInt(3), 1 + random.nextInt(2));
        return switch (random.nextInt(3)) {
            case 0 -> AllResourceBounds.l2Only(l2);
            case 1 -> AllResourceBounds.withoutL1DataGas(l1, l2);
            default -> AllResourceBounds.of(l1, l2, ResourceBounds.of(random.nextInt(2), 1));
        };
    }

    @Test
    void hashesWithTheMemoEqualHashesWithout() {
        SplittableRandom random = new SplittableRandom(Samples.seed("TipAndBoundsHashesTest.equal"));
        TipAndBoundsHashes memo = new TipAndBoundsHashes();
        // Few distinct (tip, bounds) pairs, so most lookups hit the memo, and both hits and misses are checked.
        for (int i = 0; i < 300; i++) {
            List<Felt> calldata = new ArrayList<>();
            for (int c = random.nextInt(8); c > 0; c--) {
                calldata.add(Samples.felt(random));
            }
            InvokeTransaction invoke = new InvokeTransaction(ContractAddress.of(1 + random.nextInt(1 << 20)),
                    calldata, List.of(Samples.felt(random)), Nonce.of(random.nextInt(1000)),
                    V3Fields.of(bounds(random), random.nextInt(2)), List.of());
            Felt memoised = TransactionHashes.hash(invoke, ChainId.SEPOLIA, memo);
            assertThat(memoised).isEqualTo(TransactionHashes.hash(invoke, ChainId.SEPOLIA));
            assertThat(ExecutableTransaction.of(invoke, ChainId.SEPOLIA, memo))
                    .isEqualTo(ExecutableTransaction.of(invoke, ChainId.SEPOLIA));
        }
        assertThat(memo.size()).isBetween(2, TipAndBoundsHashes.ENTRIES_MAX);
    }

    @Test
    void theMemoStaysBounded() {
        TipAndBoundsHashes memo = new TipAndBoundsHashes();
        AllResourceBounds bounds = AllResourceBounds.l2Only(ResourceBounds.of(10, 1));
        for (int tip = 0; tip < TipAndBoundsHashes.ENTRIES_MAX + 50; tip++) {
            assertThat(memo.hash(Felt.of(tip), bounds))
                    .isEqualTo(TransactionHashes.tipAndResourceBoundsHash(Felt.of(tip), bounds));
        }
        assertThat(memo.size()).isEqualTo(TipAndBoundsHashes.ENTRIES_MAX);
    }
}
