package io.vellum.consensus.committer;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.IncludedTransaction;
import io.vellum.blockifier.block.TransactionOutcome;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.RandomWorkload;
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
import io.vellum.consensus.store.CoreStore;
import io.vellum.consensus.store.RocksCoreStore;
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
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A one-voter chain over a real {@link RocksCoreStore}, made final block by block through a {@link SequencerCore} as
 * in {@code RocksCoreStoreTest}: a transaction batch, the proposer's build, its proposal and its own vote are applied
 * and committed like a node's apply thread does. Not thread-safe: the thread that calls {@link #finalizeBlock} is
 * "the apply thread"; other threads may read the store.
 */
public final class ChainFixture implements AutoCloseable {
    public static final NodeId SELF = NodeId.of("n1");
    private static final Felt KEY = Felt.of(4242);
    private static final long BLOCK_INTERVAL_MS = 100;

    public final TestChain chain;
    private final Path directory;
    private final CoreConfig config;
    private final BlockProducer producer;
    private RocksCoreStore store;
    private SequencerCore core;
    private long index;
    private long nowMs = 1_700_000_000_000L;

    private ChainFixture(TestChain chain, Path directory) {
        this.chain = chain;
        this.directory = directory;
        this.config = new CoreConfig(TestChain.CHAIN_ID, chain.feeToken(), chain.context().gasPrices(),
                BlockLimits.DEFAULT, MempoolLimits.DEFAULT, OrderingPolicy.named("fifo"),
                ProposerSchedule.parse("leader"), QuorumRule.MAJORITY, BLOCK_INTERVAL_MS, 100, 5_000, 500);
        this.producer = new BlockProducer(chain.executor, StarknetVersion.V0_14_0);
    }

    /** A new store in {@code directory} holding {@code chain}'s genesis (block 0). */
    public static ChainFixture create(TestChain chain, Path directory) {
        ChainFixture fixture = new ChainFixture(chain, directory);
        fixture.store = open(chain, directory);
        fixture.store.initialize(chain.genesis, ReplicatedState.genesis(
                List.of(new Member(SELF, Ecdsa.publicKey(KEY), ContractAddress.of(0x5e9)))));
        fixture.startCore();
        return fixture;
    }

    /** Opens a store made by a fixture over the same chain (for instance a checkpoint's copy). */
    public static RocksCoreStore open(TestChain chain, Path directory) {
        return new RocksCoreStore(directory, StoreOptions.processCrashSafe(), TestChain.CHAIN_ID, chain.feeToken(),
                StarknetVersion.V0_14_0);
    }

    private void startCore() {
        CoreStore.Stored loaded = store.load().orElseThrow();
        index = loaded.appliedIndex();
        core = new SequencerCore(SELF, KEY, config, producer, store, loaded.state(), loaded.appliedIndex(),
                loaded.pending(), nowMs);
        core.onLeaderChanged(1, SELF);
        core.onLeaderReady(1);
    }

    public RocksCoreStore store() {
        return store;
    }

    /** The last applied log index (the store's applied index). */
    public long appliedIndex() {
        return index;
    }

    public long finalHeight() {
        return core.state().finalHeight();
    }

    /** Closes the store and opens it again, with a core restarted from what it holds (a node restart). */
    public void reopen() {
        store.close();
        store = open(chain, directory);
        startCore();
    }

    /**
     * Submits {@code transactions} in one batch, then makes one block final from the pending transactions (the
     * proposer offers every candidate). Transactions the block does not take stay pending.
     *
     * @return the block as built
     * @throws IllegalStateException if nothing pending can be offered
     */
    public BuiltBlock finalizeBlock(List<ExecutableTransaction> transactions) {
        if (!transactions.isEmpty()) {
            apply(new TransactionBatch(SELF, transactions));
        }
        long height = core.state().finalHeight() + 1;
        nowMs += BLOCK_INTERVAL_MS;
        BuildTask task = core.tick(nowMs).stream().filter(a -> a instanceof Action.Build)
                .map(a -> ((Action.Build) a).task()).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing to build at height " + height));
        BuiltBlock built = store.withStateAfter(task.height() - 1, head -> producer.build(head, task.context(),
                task.parentCommitment(), task.limits(), task.candidates(), Deadline.NEVER));
        LogEntry proposal = core.onBuilt(task, built).stream().filter(a -> a instanceof Action.Submit)
                .map(a -> ((Action.Submit) a).entry()).findFirst().orElseThrow();
        LogEntry vote = apply(proposal).stream().filter(a -> a instanceof Action.Submit)
                .map(a -> ((Action.Submit) a).entry()).findFirst().orElseThrow();
        apply(vote);
        if (core.state().finalHeight() != height) {
            throw new IllegalStateException("block " + height + " did not become final");
        }
        return built;
    }

    /**
     * Makes {@code blocks} blocks final, each from {@code transactionsPerBlock} transactions of a seeded
     * {@link RandomWorkload} (transfers of both tokens, counter, key-value writes, swaps, deposits, failures and
     * garbage).
     */
    public void finalizeMixedBlocks(long seed, int blocks, int transactionsPerBlock) {
        RandomWorkload workload = new RandomWorkload(chain, seed);
        for (int b = 0; b < blocks; b++) {
            List<ExecutableTransaction> transactions = new ArrayList<>();
            for (int i = 0; i < transactionsPerBlock; i++) {
                transactions.add(workload.next());
            }
            BuiltBlock built = finalizeBlock(transactions);
            for (IncludedTransaction included : built.block().included()) {
                workload.observe(new TransactionOutcome.Included(included));
            }
        }
    }

    /**
     * Makes one block final of {@code count} STRK transfers between random accounts, each account sending at most
     * once (so every transfer is valid at the head's nonces); {@code nonces} tracks the accounts' nonces.
     */
    public BuiltBlock finalizeTransfers(SplittableRandom random, long[] nonces, int count) {
        int accounts = nonces.length;
        if (count > accounts) {
            throw new IllegalArgumentException(count + " transfers need as many accounts, there are " + accounts);
        }
        List<Integer> senders = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            senders.add(i);
        }
        List<ExecutableTransaction> transactions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pick = i + random.nextInt(accounts - i);
            int sender = senders.get(pick);
            senders.set(pick, senders.get(i));
            senders.set(i, sender);
            int recipient = random.nextInt(accounts);
            transactions.add(chain.transfer(chain.account(sender), chain.account(recipient).address(),
                    BigInteger.valueOf(1 + random.nextInt(1_000)), nonces[sender]++));
        }
        BuiltBlock built = finalizeBlock(transactions);
        if (built.block().transactionCount() != count) {
            throw new IllegalStateException("expected " + count + " transfers in the block, got "
                    + built.block().transactionCount());
        }
        return built;
    }

    private List<Action> apply(LogEntry entry) {
        index++;
        ApplyOutcome outcome = core.apply(index, Objects.requireNonNull(entry));
        store.commit(1, index, outcome.writes());
        return outcome.actions();
    }

    @Override
    public void close() {
        store.close();
    }
}
