package io.vellum.blockifier.bench;

import io.vellum.blockifier.commitment.CommittedState;
import io.vellum.blockifier.commitment.GlobalRootRule;
import io.vellum.blockifier.commitment.InMemoryNodeStore;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.commitment.PatriciaTrie;
import io.vellum.blockifier.commitment.StateCommitter;
import io.vellum.blockifier.commitment.StateRoots;
import io.vellum.blockifier.commitment.TrieUpdate;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.state.StateReader;
import io.vellum.blockifier.testing.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state commitment of one block of 1,000 fee-token transfers, on a state of 100,000 accounts: each transfer
 * bumps its sender's nonce and writes the sender's and the recipient's balances, and the sequencer's balance is
 * written once; so a block touches about 1,000 account leaves plus the fee token's leaf in the contracts trie, and
 * about 2,000 leaves of the fee token's storage trie (100,000 balances). The starting tries are bulk-built with
 * random leaves in the trial setup; each invocation commits a different precomputed block on the same starting
 * roots. {@code threads} is how many threads the committer may use (1 = the caller alone). The score is the time
 * per block.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="StateCommitmentBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class StateCommitmentBenchmark {
    private static final int ACCOUNTS = 100_000;
    private static final int TRANSFERS = 1_000;
    private static final int BLOCKS = 16;
    private static final ContractAddress FEE_TOKEN =
            ContractAddress.of("0x49d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7");
    private static final ClassHash ACCOUNT_CLASS =
            ClassHash.of("0x5c478ee27f2112411f86f207605b2e2c58cdb647bac0df27f660ef2252359c6");
    private static final ClassHash TOKEN_CLASS =
            ClassHash.of("0xd0e183745e9dae3e4e78a8ffedcce0903fc4900beace4e0abf192d4c202da3");

    @Param({"1", "2"})
    public int threads;

    private ExecutorService pool;
    private StateCommitter committer;
    private StateRoots roots;
    private Felt feeTokenStorageRoot;
    private List<StateDiff> blocks;
    private List<StateReader> statesAfter;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        SplittableRandom random = new SplittableRandom(Samples.seed("StateCommitmentBenchmark"));
        ContractAddress[] accounts = new ContractAddress[ACCOUNTS];
        StorageKey[] balanceKeys = new StorageKey[ACCOUNTS];
        TreeMap<Felt, Felt> contractLeaves = new TreeMap<>();
        TreeMap<Felt, Felt> balances = new TreeMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts[i] = new ContractAddress(Felt.fromBigInteger(Samples.bits(random, 251)));
            // Stand-ins for storage_var_address("ERC20_balances", account): the cost is the same.
            balanceKeys[i] = new StorageKey(Felt.fromBigInteger(Samples.bits(random, 251)));
            contractLeaves.put(accounts[i].value(), Samples.uniformFelt(random));
            balances.put(balanceKeys[i].value(), Felt.of(1L << 40));
        }
        contractLeaves.put(FEE_TOKEN.value(), Samples.uniformFelt(random));
        int cores = Runtime.getRuntime().availableProcessors();
        pool = Executors.newFixedThreadPool(Math.max(1, cores - 1));
        Parallelism all = new Parallelism(pool, cores);
        InMemoryNodeStore store = new InMemoryNodeStore(4 * ACCOUNTS);
        TrieUpdate contracts = PatriciaTrie.storage(store).build(contractLeaves, all);
        TrieUpdate feeTokenStorage = PatriciaTrie.storage(store).build(balances, all);
        store.putAll(contracts.newNodes());
        store.putAll(feeTokenStorage.newNodes());
        roots = new StateRoots(contracts.root(), Felt.ZERO);
        feeTokenStorageRoot = feeTokenStorage.root();
        committer = new StateCommitter(store, new Parallelism(pool, threads), GlobalRootRule.V0_14);

        StorageKey sequencerBalance = balanceKeys[0];
        blocks = new ArrayList<>();
        statesAfter = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            NavigableMap<StorageKey, Felt> writes = new TreeMap<>();
            NavigableMap<ContractAddress, Nonce> nonces = new TreeMap<>();
            while (nonces.size() < TRANSFERS) {
                int sender = 1 + random.nextInt(ACCOUNTS - 1);
                int recipient = 1 + random.nextInt(ACCOUNTS - 1);
                nonces.put(accounts[sender], Nonce.of(1 + random.nextInt(1000)));
                writes.put(balanceKeys[sender], Felt.of(random.nextLong(1L << 40)));
                writes.put(balanceKeys[recipient], Felt.of(random.nextLong(1L << 40)));
            }
            writes.put(sequencerBalance, Felt.of(random.nextLong(1L << 50)));
            StateDiff diff = new StateDiff(new TreeMap<>(Map.of(FEE_TOKEN, writes)), nonces, new TreeMap<>(),
                    new TreeMap<>());
            blocks.add(diff);
            statesAfter.add(new TransferState(nonces));
        }
        CommittedState sample = commit(0);
        System.out.printf("%na block touches %,d contracts, writes %,d storage leaves, creates %,d nodes%n",
                sample.contracts().size(), blocks.get(0).storageEntryCount(), sample.newNodes().size());
    }

    @TearDown(Level.Trial)
    public void stopPool() {
        pool.shutdownNow();
    }

    @Benchmark
    public CommittedState commitBlockOf1000Transfers() {
        return commit(next++ % BLOCKS);
    }

    private CommittedState commit(int block) {
        return committer.commit(roots, contract -> contract.equals(FEE_TOKEN) ? feeTokenStorageRoot : Felt.ZERO,
                blocks.get(block), statesAfter.get(block));
    }

    /** The state after a block of transfers, as far as the committer reads it: class hashes and nonces. */
    private static final class TransferState implements StateReader {
        private final Map<ContractAddress, Nonce> nonces;

        TransferState(Map<ContractAddress, Nonce> nonces) {
            this.nonces = new HashMap<>(nonces);
        }

        @Override
        public Felt storageAt(ContractAddress contract, StorageKey key) {
            throw new UnsupportedOperationException("the committer does not read storage");
        }

        @Override
        public Nonce nonceAt(ContractAddress contract) {
            return nonces.getOrDefault(contract, Nonce.ZERO);
        }

        @Override
        public ClassHash classHashAt(ContractAddress contract) {
            return contract.equals(FEE_TOKEN) ? TOKEN_CLASS : ACCOUNT_CLASS;
        }

        @Override
        public Optional<CompiledClassHash> compiledClassHash(ClassHash classHash) {
            return Optional.empty();
        }
    }
}
