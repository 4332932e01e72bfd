package io.vellum.blockifier.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasConsumed;
import io.vellum.blockifier.execution.MessageToL1;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.transaction.TransactionType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Block commitments beyond the vectors: parallel equals sequential, input checks, versions. */
class BlockCommitmentsTest {

    @Test
    void parallelHashingGivesTheSameCommitments() {
        SplittableRandom random = new SplittableRandom(Samples.seed("BlockCommitmentsTest.parallel"));
        List<SignedTransactionHash> transactions = new ArrayList<>();
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Felt hash = Samples.uniformFelt(random);
            transactions.add(new SignedTransactionHash(hash, List.of(Samples.felt(random), Samples.felt(random))));
            List<Event> events = new ArrayList<>();
            for (int e = random.nextInt(3); e > 0; e--) {
                events.add(new Event(ContractAddress.of(1 + random.nextInt(1000)), List.of(Samples.felt(random)),
                        List.of(Samples.felt(random), Samples.felt(random))));
            }
            boolean reverted = random.nextInt(10) == 0;
            receipts.add(new Receipt(hash, TransactionType.INVOKE, Felt.of(random.nextInt(1 << 30)),
                    reverted ? ExecutionStatus.REVERTED : ExecutionStatus.SUCCEEDED,
                    reverted ? Optional.of("out of gas " + i) : Optional.empty(), events,
                    random.nextInt(20) == 0 ? List.of(new MessageToL1(ContractAddress.of(5), Felt.of(6), List.of()))
                            : List.of(),
                    GasConsumed.l2(random.nextInt(1 << 20))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BlockCommitments sequential = BlockCommitments.compute(transactions, receipts, StateDiff.EMPTY,
                    new TreeSet<>(), L1DataAvailabilityMode.BLOB, StarknetVersion.V0_14_0);
            BlockCommitments parallel = BlockCommitments.compute(transactions, receipts, StateDiff.EMPTY,
                    new TreeSet<>(), L1DataAvailabilityMode.BLOB, StarknetVersion.V0_14_0, new Parallelism(pool, 3));
            assertThat(parallel).isEqualTo(sequential);
            assertThat(BlockCommitments.compute(transactions, receipts, StateDiff.EMPTY, L1DataAvailabilityMode.BLOB,
                    StarknetVersion.V0_14_0, new Parallelism(pool, 2))).isEqualTo(sequential);
            assertThat(sequential.transactionCount()).isEqualTo(150);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void precomputedReceiptHashesGiveTheSameCommitmentsAsHashingReceipts() {
        SplittableRandom random = new SplittableRandom(Samples.seed("BlockCommitmentsTest.receiptHashes"));
        for (int sample = 0; sample < 20; sample++) {
            List<SignedTransactionHash> transactions = new ArrayList<>();
            List<Receipt> receipts = new ArrayList<>();
            List<Felt> receiptHashes = new ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                Felt hash = Samples.uniformFelt(random);
                transactions.add(new SignedTransactionHash(hash, List.of(Samples.felt(random))));
                boolean reverted = random.nextInt(4) == 0;
                Receipt receipt = new Receipt(hash, TransactionType.INVOKE, Felt.of(random.nextInt(1 << 30)),
                        reverted ? ExecutionStatus.REVERTED : ExecutionStatus.SUCCEEDED,
                        reverted ? Optional.of("reverted " + i) : Optional.empty(), List.of(),
                        random.nextInt(3) == 0 ? List.of(new MessageToL1(ContractAddress.of(5), Felt.of(i),
                                List.of(Samples.felt(random)))) : List.of(),
                        GasConsumed.l2(random.nextInt(1 << 20)));
                receipts.add(receipt);
                receiptHashes.add(BlockCommitmentHashes.receiptHash(receipt));
            }
            BlockCommitments hashed = BlockCommitments.compute(transactions, receipts, StateDiff.EMPTY,
                    new TreeSet<>(), L1DataAvailabilityMode.BLOB, StarknetVersion.V0_14_0);
            BlockCommitments reused = BlockCommitments.computeWithReceiptHashes(transactions, receipts, receiptHashes,
                    StateDiff.EMPTY, new TreeSet<>(), L1DataAvailabilityMode.BLOB, StarknetVersion.V0_14_0);
            assertThat(reused).isEqualTo(hashed);
        }
    }

    @Test
    void precomputedReceiptHashesMustBeOnePerReceipt() {
        Receipt receipt = new Receipt(Felt.of(1), TransactionType.INVOKE, Felt.ZERO, ExecutionStatus.SUCCEEDED,
                Optional.empty(), List.of(), List.of(), GasConsumed.l2(1));
        assertThatThrownBy(() -> BlockCommitments.computeWithReceiptHashes(
                List.of(new SignedTransactionHash(Felt.of(1), List.of())), List.of(receipt), List.of(),
                StateDiff.EMPTY, new TreeSet<>(), L1DataAvailabilityMode.BLOB, StarknetVersion.V0_14_0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 receipts but 0 receipt hashes");
    }

    @Test
    void theMessagesSentHashOfNoMessagesIsPoseidonOfZero() {
        assertThat(BlockCommitmentHashes.messagesSentHash(List.of()))
                .isEqualTo(io.vellum.blockifier.crypto.Poseidon.hashMany(List.of(Felt.ZERO)));
    }

    @Test
    void anEmptyBlockHasZeroTrieCommitments() {
        BlockCommitments empty = BlockCommitments.compute(List.of(), List.of(), StateDiff.EMPTY, new TreeSet<>(),
                L1DataAvailabilityMode.CALLDATA, StarknetVersion.V0_14_0);
        assertThat(empty.transactionCommitment()).isEqualTo(Felt.ZERO);
        assertThat(empty.eventCommitment()).isEqualTo(Felt.ZERO);
        assertThat(empty.receiptCommitment()).isEqualTo(Felt.ZERO);
        assertThat(empty.concatenatedCounts()).isEqualTo(Felt.ZERO);
        assertThat(empty.stateDiffCommitment()).isNotEqualTo(Felt.ZERO);
    }

    @Test
    void receiptsMustMatchTransactions() {
        Felt hash = Felt.of(1);
        Receipt other = new Receipt(Felt.of(2), TransactionType.INVOKE, Felt.ZERO, ExecutionStatus.SUCCEEDED,
                Optional.empty(), List.of(), List.of(), GasConsumed.ZERO);
        assertThatThrownBy(() -> BlockCommitments.compute(List.of(new SignedTransactionHash(hash, List.of())),
                List.of(other), StateDiff.EMPTY, new TreeSet<>(), L1DataAvailabilityMode.BLOB, StarknetVersion.V0_14_0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x2");
        assertThatThrownBy(() -> BlockCommitments.compute(List.of(), List.of(other), StateDiff.EMPTY,
                new TreeSet<>(), L1DataAvailabilityMode.BLOB, StarknetVersion.V0_14_0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsBefore0132AreRefused() {
        StarknetVersion old = StarknetVersion.parse("0.13.1.1");
        assertThatThrownBy(() -> BlockCommitments.compute(List.of(), List.of(), StateDiff.EMPTY,
                new TreeSet<ClassHash>(), L1DataAvailabilityMode.BLOB, old))
                .isInstanceOf(IllegalArgumentException.class);
        BlockHeaderFields header = new BlockHeaderFields(BlockNumber.GENESIS, Felt.ZERO, Felt.ZERO,
                ContractAddress.of(1), 0, GasPrices.ofL2(1), old);
        BlockCommitments commitments = new BlockCommitments(Felt.ZERO, Felt.ZERO, Felt.ZERO, Felt.ZERO, 0, 0, 0,
                L1DataAvailabilityMode.BLOB);
        assertThatThrownBy(() -> BlockHash.compute(header, commitments)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void starknetVersionsParseAndOrder() {
        assertThat(StarknetVersion.parse("0.13.1.1").toString()).isEqualTo("0.13.1.1");
        assertThat(StarknetVersion.parse("0.13.2")).isEqualTo(StarknetVersion.V0_13_2);
        assertThat(StarknetVersion.parse("0.13.10").isAtLeast(StarknetVersion.V0_13_4)).isTrue();
        assertThat(StarknetVersion.parse("0.13.1.1").isAtLeast(StarknetVersion.V0_13_2)).isFalse();
        assertThat(StarknetVersion.parse("0.14").compareTo(StarknetVersion.V0_14_0)).isZero();
        assertThat(StarknetVersion.V0_13_4.toShortString()).isEqualTo(Felt.fromHex("0x302e31332e34"));
        for (String bad : List.of("", "0..1", "a.b", "1.2.3.4.5", "-1.0", "0.13.2 ")) {
            assertThatThrownBy(() -> StarknetVersion.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Regression: a transaction count of 2^59 or more would push the concatenated counts past the field. */
    @Test
    void countsMustFitTheConcatenatedFelt() {
        assertThatThrownBy(() -> BlockCommitmentHashes.concatenatedCounts(-1, 0, 0, L1DataAvailabilityMode.BLOB))
                .isInstanceOf(IllegalArgumentException.class);
        long largest = (1L << 59) - 1;
        assertThat(BlockCommitmentHashes.concatenatedCounts(largest, Long.MAX_VALUE, 0,
                L1DataAvailabilityMode.CALLDATA))
                .isEqualTo(Felt.fromBigInteger(BigInteger.valueOf(largest).shiftLeft(192)
                        .or(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(128))));
        assertThatThrownBy(() -> BlockCommitmentHashes.concatenatedCounts(largest + 1, 0, 0,
                L1DataAvailabilityMode.BLOB)).isInstanceOf(IllegalArgumentException.class);
    }
}
