package io.vellum.consensus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.Action;
import io.vellum.consensus.core.ApplyOutcome;
import io.vellum.consensus.core.BuildTask;
import io.vellum.consensus.core.CoreConfig;
import io.vellum.consensus.core.QuorumRule;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.entry.LogEntry;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.entry.TransactionBatch;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.BlockProducer;
import io.vellum.proposer.builder.BuiltBlock;
import io.vellum.proposer.builder.Deadline;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import io.vellum.storage.StoreOptions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core over real RocksDB: one voter applies a batch, its own proposal and its own vote; everything it stored is
 * read back after reopening, and through a checkpoint.
 */
class RocksCoreStoreTest {
    private static final NodeId SELF = NodeId.of("n1");
    private static final Felt KEY = Felt.of(4242);

    @TempDir
    Path directory;

    private final TestChain chain = TestChain.create(3);
    private final CoreConfig config = new CoreConfig(TestChain.CHAIN_ID, chain.feeToken(), chain.context().gasPrices(),
            BlockLimits.DEFAULT, MempoolLimits.DEFAULT, OrderingPolicy.named("fifo"), ProposerSchedule.parse("leader"),
            QuorumRule.MAJORITY, 100, 100, 5_000, 500);
    private final BlockProducer producer = new BlockProducer(chain.executor, StarknetVersion.V0_14_0);
    private final ReplicatedState genesisState = ReplicatedState.genesis(
            List.of(new Member(SELF, Ecdsa.publicKey(KEY), ContractAddress.of(0x5e9))));

    private RocksCoreStore open(Path path) {
        return new RocksCoreStore(path, StoreOptions.processCrashSafe(), TestChain.CHAIN_ID, chain.feeToken(),
                StarknetVersion.V0_14_0);
    }

    @Test
    void storesWhatTheCoreAppliesAndReadsItBack() {
        Path path = directory.resolve("node");
        List<ExecutableTransaction> transactions = List.of(
                chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.valueOf(100), 0),
                chain.transfer(chain.account(1), chain.account(2).address(), BigInteger.valueOf(7), 0),
                chain.transfer(chain.account(2), chain.account(0).address(), BigInteger.ONE, 9)); // nonce gap: waits
        ReplicatedState finalState;
        BuiltBlock built;
        try (RocksCoreStore store = open(path)) {
            assertThat(store.load()).isEmpty();
            store.initialize(chain.genesis, genesisState);
            assertThatThrownBy(() -> store.initialize(chain.genesis, genesisState)).hasMessageContaining("already holds");
            CoreStore.Stored loaded = store.load().orElseThrow();
            assertThat(loaded.state()).isEqualTo(genesisState);
            SequencerCore core = new SequencerCore(SELF, KEY, config, producer, store, loaded.state(),
                    loaded.appliedIndex(), loaded.pending(), 1_700_000_000_000L);
            List<LogEntry> log = new ArrayList<>();
            log.add(new TransactionBatch(SELF, transactions));
            apply(store, core, 1, log.get(0));
            core.onLeaderChanged(1, SELF);
            core.onLeaderReady(1);
            List<Action> actions = core.tick(1_700_000_000_100L);
            BuildTask task = actions.stream().filter(a -> a instanceof Action.Build)
                    .map(a -> ((Action.Build) a).task()).findFirst().orElseThrow();
            built = store.withStateAfter(0, head -> producer.build(head, task.context(), task.parentCommitment(),
                    task.limits(), task.candidates(), Deadline.NEVER));
            LogEntry proposal = ((Action.Submit) core.onBuilt(task, built).get(0)).entry();
            List<Action> afterProposal = apply(store, core, 2, proposal);
            LogEntry vote = afterProposal.stream().filter(a -> a instanceof Action.Submit)
                    .map(a -> ((Action.Submit) a).entry()).findFirst().orElseThrow();
            apply(store, core, 3, vote);
            finalState = core.state();
            assertThat(finalState.finalHeight()).isEqualTo(1);
            assertThat(core.pendingCount()).isEqualTo(1);
        }
        try (RocksCoreStore reopened = open(path)) {
            CoreStore.Stored stored = reopened.load().orElseThrow();
            assertThat(stored.appliedIndex()).isEqualTo(3);
            assertThat(stored.state()).isEqualTo(finalState);
            assertThat(stored.pending()).extracting(p -> p.transaction()).containsExactly(transactions.get(2));
            StoredBlock block = reopened.block(1).orElseThrow();
            assertThat(block.transactions()).containsExactly(transactions.get(0), transactions.get(1));
            assertThat(block.commitments()).isEqualTo(built.commitments());
            assertThat(block.proposal().proposalCommitment()).isEqualTo(built.proposalCommitment());
            assertThat(block.finalIndex()).isEqualTo(3);
            assertThat(reopened.receipts(1)).hasValue(built.block().receipts());
            assertThat(reopened.isFinal(transactions.get(0).hash())).isTrue();
            assertThat(reopened.isFinal(transactions.get(2).hash())).isFalse();
            BigInteger before = reopened.withStateAfter(0, head -> chain.balance(head, chain.account(1).address()));
            BigInteger after = reopened.withStateAfter(1, head -> chain.balance(head, chain.account(1).address()));
            // Account 1 received 100, sent 7 and paid the fee of its own transfer (from its receipt).
            BigInteger fee = built.block().receipts().get(1).actualFee().toBigInteger();
            assertThat(after).isEqualTo(before.add(BigInteger.valueOf(100 - 7)).subtract(fee));
            assertThat(fee).isPositive();

            // A checkpoint, installed in another node's place, holds the same.
            Path checkpoint = directory.resolve("checkpoint");
            assertThat(reopened.exportCheckpoint(checkpoint)).isEqualTo(3);
            try (RocksCoreStore other = open(directory.resolve("other"))) {
                other.replaceWith(checkpoint);
                assertThat(other.load()).hasValueSatisfying(copy -> {
                    assertThat(copy.state()).isEqualTo(finalState);
                    assertThat(copy.appliedIndex()).isEqualTo(3);
                    assertThat(copy.pending()).isEqualTo(stored.pending());
                });
                assertThat(other.block(1)).isEqualTo(reopened.block(1));
            }
        }
    }

    private static List<Action> apply(RocksCoreStore store, SequencerCore core, long index, LogEntry entry) {
        ApplyOutcome outcome = core.apply(index, entry);
        store.commit(1, index, outcome.writes());
        return outcome.actions();
    }
}
