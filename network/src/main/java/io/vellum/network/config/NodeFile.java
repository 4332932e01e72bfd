package io.vellum.network.config;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.blockifier.block.GenesisException;
import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.consensus.core.CoreConfig;
import io.vellum.consensus.core.QuorumRule;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.node.BatchingSettings;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.consensus.node.Peer;
import io.vellum.consensus.node.RatisSettings;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.consensus.committer.CommitterSettings;
import io.vellum.consensus.prover.ProverModel;
import io.vellum.network.faults.FaultServiceSettings;
import io.vellum.network.node.ApiSettings;
import io.vellum.network.node.TlsSettings;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import io.vellum.storage.StoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A node's configuration file (YAML), read and checked: every key of {@code docs/operations.md}, with its default
 * where it has one, mapped to the types the node is built from ({@link #nodeConfig}, {@link #sequencerSettings}).
 * Reading is strict (unknown keys are errors) and every error is a {@link ConfigException} naming the file and the
 * field. Relative paths in the file are relative to the file's directory.
 *
 * @param source the file read, if any
 * @param id the node's id
 * @param clusterName the Raft group's name (the same on every node)
 * @param dataDir the data directory; empty means a fresh temporary directory each start
 * @param key the node's key pair (signs proposals and votes)
 * @param sequencerAddress where the fees of this node's blocks go
 * @param listen where its servers listen
 * @param peers the Raft group, this node included
 * @param joining whether this node joins a running cluster (started with an empty group)
 * @param genesisFile the genesis description read; empty means the bundled sample
 * @param genesis the genesis state
 * @param core the protocol settings (shared by every node)
 * @param execution how transactions execute (shared by every node)
 * @param ratis Raft timings
 * @param batching how transactions become log entries
 * @param storeOptions how the store writes
 * @param prover the simulated prover's model; empty means none (external provers lease over gRPC)
 * @param api how the gRPC servers and the metrics endpoint are served: addresses (from {@code listen}), TLS, limits
 * @param faults whether the node serves the fault-injection service (section {@code faults}; off by default)
 */
public record NodeFile(
        Optional<Path> source,
        NodeId id,
        String clusterName,
        Optional<Path> dataDir,
        KeyFile key,
        ContractAddress sequencerAddress,
        Listen listen,
        List<PeerEntry> peers,
        boolean joining,
        Optional<Path> genesisFile,
        Genesis genesis,
        CoreConfig core,
        ExecutionConfig execution,
        RatisSettings ratis,
        BatchingSettings batching,
        StoreOptions storeOptions,
        Optional<ProverModel> prover,
        ApiSettings api,
        FaultServiceSettings faults) {

    /** The most peers a file may list. */
    public static final int PEERS_MAX = 64;
    /** The default cluster name. */
    public static final String DEFAULT_CLUSTER_NAME = "vellum";
    /** The default block interval. */
    public static final long DEFAULT_BLOCK_INTERVAL_MS = 200;
    /** The default L2 gas price, in fri. */
    public static final long DEFAULT_L2_GAS_PRICE_FRI = 10;
    /** The Starknet version stamped in proposal commitments. */
    public static final StarknetVersion STARKNET_VERSION = StarknetVersion.V0_14_0;

    public NodeFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sequencerAddress, "sequencerAddress");
        Objects.requireNonNull(listen, "listen");
        peers = List.copyOf(peers);
        Objects.requireNonNull(genesisFile, "genesisFile");
        Objects.requireNonNull(genesis, "genesis");
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(ratis, "ratis");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(storeOptions, "storeOptions");
        Objects.requireNonNull(prover, "prover");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(faults, "faults");
    }

    /** Reads and checks a node file. */
    public static NodeFile read(Path file) {
        return fromObject(ConfigObject.readFile(file));
    }

    /** Parses node-file text; relative paths resolve against the working directory. */
    public static NodeFile parse(String yaml) {
        return fromObject(ConfigObject.parse(yaml, Optional.empty()));
    }

    /**
     * The consensus configuration, with the data directory to use (the configured one, or the temporary directory
     * the caller made when none is configured).
     */
    public NodeConfig nodeConfig(Path dataDirectory) {
        List<Peer> raftPeers = peers.stream().map(PeerEntry::peer).toList();
        List<Member> voters = peers.stream().filter(PeerEntry::genesisVoter).map(PeerEntry::member).toList();
        return configError(source, "peers", () -> new NodeConfig(id, key.privateKey(), sequencerAddress,
                dataDirectory, listen.raft(), raftPeers, joining, clusterName, genesis, voters, core, execution,
                STARKNET_VERSION, ratis, batching, ProposerFault.NONE));
    }

    /** What runs beside consensus: the store's durability, the committer, the simulated prover. */
    public SequencerNode.Settings sequencerSettings() {
        return new SequencerNode.Settings(storeOptions, CommitterSettings.DEFAULT, prover);
    }

    /** The peer entry of node {@code peer}, if listed. */
    public Optional<PeerEntry> peer(NodeId peer) {
        return peers.stream().filter(p -> p.id().equals(peer)).findFirst();
    }

    // -----------------------------------------------------------------------------------------------------

    private static NodeFile fromObject(ConfigObject root) {
        Optional<Path> source = root.file();
        NodeId id = value(root, "id", NodeId::of, root.string("id"));
        String clusterName = root.string("cluster_name", DEFAULT_CLUSTER_NAME);
        if (!clusterName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw root.error("cluster_name", "must be 1 to 64 of [A-Za-z0-9._-]: '" + clusterName + "'");
        }
        Optional<Path> dataDir = root.optionalPath("data_dir");
        KeyFile key = nodeKey(root);
        ContractAddress sequencerAddress = root.optionalFelt("sequencer_address").map(ContractAddress::new)
                .orElseGet(() -> defaultSequencerAddress(key.publicKey()));

        ConfigObject listenObject = root.object("listen");
        Listen listen = new Listen(listenObject.endpoint("raft"), listenObject.endpoint("grpc"),
                listenObject.optionalEndpoint("admin"), listenObject.optionalEndpoint("metrics"));
        listenObject.finish();
        requireDistinct(listenObject, listen);

        boolean joining = root.bool("joining", false);
        List<PeerEntry> peers = peers(root, id, key, sequencerAddress, listen, joining);

        Optional<Path> genesisFile = root.optionalPath("genesis");
        Genesis genesis = genesisFile.map(GenesisFile::load).orElseGet(NodeFile::sampleGenesis);

        ConfigObject chain = root.object("chain");
        long blockIntervalMs = chain.integer("block_interval_ms", DEFAULT_BLOCK_INTERVAL_MS, 1, 600_000);
        long buildBudgetMs = chain.integer("build_budget_ms", 500, 1, 600_000);
        long proposalTimeoutMs = chain.integer("proposal_timeout_ms", 3_000, 1, 600_000);
        long voteResendMs = chain.integer("vote_resend_ms", 500, 1, 600_000);
        QuorumRule quorum = value(chain, "quorum", QuorumRule::parse, chain.string("quorum", "majority"));
        OrderingPolicy ordering = value(chain, "ordering", OrderingPolicy::named, chain.string("ordering", "fifo"));
        ProposerSchedule schedule = value(chain, "schedule", ProposerSchedule::parse,
                chain.string("schedule", "leader"));
        long l2GasPrice = chain.integer("l2_gas_price_fri", DEFAULT_L2_GAS_PRICE_FRI, 1, 1L << 60);
        boolean signatureChecks = chain.bool("signature_checks", true);
        chain.finish();

        ConfigObject limits = root.object("limits");
        ConfigObject block = limits.object("block");
        BlockLimits blockLimits = configError(source, block.pathOf(""), () -> new BlockLimits(
                (int) block.integer("transactions_max", BlockLimits.DEFAULT.transactionCountMax(), 1, 1_000_000),
                block.integer("l2_gas_max", BlockLimits.DEFAULT.l2GasMax(), 1, Long.MAX_VALUE),
                (int) block.integer("state_diff_entries_max", BlockLimits.DEFAULT.stateDiffEntriesMax(), 1, 10_000_000),
                (int) block.integer("events_max", BlockLimits.DEFAULT.eventCountMax(), 1, 10_000_000)));
        block.finish();
        ConfigObject mempool = limits.object("mempool");
        MempoolLimits mempoolLimits = configError(source, mempool.pathOf(""), () -> new MempoolLimits(
                (int) mempool.integer("transactions_max", MempoolLimits.DEFAULT.transactionsMax(), 1, 10_000_000),
                (int) mempool.integer("transactions_per_account_max",
                        MempoolLimits.DEFAULT.transactionsPerAccountMax(), 1, 1_000_000)));
        mempool.finish();
        ConfigObject batchingObject = limits.object("batching");
        BatchingSettings defaults = BatchingSettings.DEFAULT;
        BatchingSettings batching = configError(source, batchingObject.pathOf(""), () -> new BatchingSettings(
                (int) batchingObject.integer("transactions_per_batch_max", defaults.transactionsPerBatchMax(), 1,
                        1_000_000),
                batchingObject.integer("batch_delay_ms", defaults.batchDelayMs(), 0, 60_000),
                (int) batchingObject.integer("queue_capacity", defaults.queueCapacity(), 1, 10_000_000),
                batchingObject.integer("ordering_timeout_ms", defaults.orderingTimeoutMs(), 1, 3_600_000)));
        batchingObject.finish();
        ConfigObject apiLimits = limits.object("api");
        limits.finish();

        ContractAddress feeToken = genesis.contracts().feeToken();
        CoreConfig core = configError(source, "chain", () -> new CoreConfig(genesis.chainId(), feeToken,
                GasPrices.ofL2(l2GasPrice), blockLimits, mempoolLimits, ordering, schedule, quorum, blockIntervalMs,
                buildBudgetMs, proposalTimeoutMs, voteResendMs));
        ExecutionConfig execution = ExecutionConfig.DEFAULT.withSignatureChecks(signatureChecks);

        ConfigObject raft = root.object("raft");
        RatisSettings r = RatisSettings.DEFAULT;
        long electionMin = raft.integer("election_timeout_min_ms", r.electionTimeoutMinMs(), 10, 600_000);
        long electionMax = raft.integer("election_timeout_max_ms", r.electionTimeoutMaxMs(), 11, 600_000);
        long requestTimeout = raft.integer("request_timeout_ms", r.requestTimeoutMs(), 1, 600_000);
        long snapshotThreshold = raft.integer("snapshot_threshold_entries", r.snapshotThresholdEntries(), 1,
                1L << 40);
        raft.finish();
        RatisSettings ratis = configError(source, "raft", () -> new RatisSettings(electionMin, electionMax,
                requestTimeout, snapshotThreshold, r.purgeGapEntries(), r.logSegmentSizeMaxBytes(), r.clientWindow(),
                r.submitWaitMs(), r.retryAttempts(), r.retrySleepMs(), r.tickIntervalMs(), r.transferTimeoutMs(),
                r.dispatchQueueCapacity(), r.sleepDeviationThresholdMs()));

        ConfigObject storage = root.object("storage");
        String durability = storage.string("durability", "process-crash-safe");
        StoreOptions storeOptions = switch (durability) {
            case "durable" -> StoreOptions.durable();
            case "process-crash-safe" -> StoreOptions.processCrashSafe();
            case "no-wal" -> StoreOptions.noWriteAheadLog();
            default -> throw storage.error("durability", "must be durable, process-crash-safe or no-wal, not '"
                    + durability + "'");
        };
        storage.finish();

        Optional<ProverModel> prover = prover(root.object("prover"), source);
        ApiSettings api = api(listen, apiLimits, root.object("tls"));
        ConfigObject faultSection = root.object("faults");
        boolean faultsEnabled = faultSection.bool("enabled", false);
        long skewMax = faultSection.integer("clock_skew_max_ms", FaultServiceSettings.DISABLED.clockSkewMaxMs(), 0,
                86_400_000L);
        long faultSeed = faultSection.integer("seed", FaultServiceSettings.DISABLED.seed(), Long.MIN_VALUE,
                Long.MAX_VALUE);
        faultSection.finish();
        if (faultsEnabled && api.adminAddress().isEmpty()) {
            throw faultSection.error("enabled", "the fault-injection service is served on the admin address: "
                    + "configure listen.admin");
        }
        FaultServiceSettings faults = new FaultServiceSettings(faultsEnabled, skewMax, faultSeed);
        root.finish();

        return new NodeFile(source, id, clusterName, dataDir, key, sequencerAddress, listen, peers, joining,
                genesisFile, genesis, core, execution, ratis, batching, storeOptions, prover, api, faults);
    }

    /** Where a node's fees go unless configured: the account its key would have (as genesis accounts derive it). */
    public static ContractAddress defaultSequencerAddress(Felt publicKey) {
        return GenesisAccounts.accountAddress(publicKey);
    }

    private static Genesis sampleGenesis() {
        try {
            return Genesis.build(GenesisLoader.sample());
        } catch (GenesisException e) {
            throw new IllegalStateException("the bundled sample genesis is broken", e);
        }
    }

    private static KeyFile nodeKey(ConfigObject root) {
        Optional<Path> keyFile = root.optionalPath("key_file");
        Optional<Felt> inline = root.optionalFelt("private_key");
        if (keyFile.isPresent() == inline.isPresent()) {
            throw root.error(keyFile.isPresent() ? "private_key" : "key_file",
                    "give exactly one of key_file (a file written by 'vellum keys new') and private_key");
        }
        if (keyFile.isPresent()) {
            return KeyFile.read(keyFile.get());
        }
        try {
            return KeyFile.of(inline.get());
        } catch (IllegalArgumentException e) {
            throw root.error("private_key", e.getMessage());
        }
    }

    private static void requireDistinct(ConfigObject listen, Listen addresses) {
        Map<Endpoint, String> seen = new HashMap<>();
        seen.put(addresses.raft(), "raft");
        if (seen.put(addresses.grpc(), "grpc") != null) {
            throw listen.error("grpc", "the same address as raft: " + addresses.grpc());
        }
        addresses.metrics().ifPresent(metrics -> {
            String other = seen.put(metrics, "metrics");
            if (other != null) {
                throw listen.error("metrics", "the same address as " + other + ": " + metrics);
            }
        });
        addresses.admin().ifPresent(admin -> {
            String other = seen.put(admin, "admin");
            if (other != null) {
                throw listen.error("admin", "the same address as " + other + ": " + admin);
            }
        });
    }

    private static List<PeerEntry> peers(ConfigObject root, NodeId selfId, KeyFile key, ContractAddress ownFees,
            Listen listen, boolean joining) {
        List<ConfigObject> entries = root.objects("peers", PEERS_MAX);
        if (entries.isEmpty()) {
            throw root.error("peers", "missing (required): the Raft group, this node included (a one-node cluster "
                    + "lists only itself)");
        }
        List<PeerEntry> peers = new ArrayList<>();
        boolean listsItself = false;
        for (ConfigObject entry : entries) {
            NodeId id = value(entry, "id", NodeId::of, entry.string("id"));
            Endpoint raft = entry.endpoint("raft");
            boolean self = id.equals(selfId);
            Felt publicKey;
            ContractAddress fees;
            if (self) {
                listsItself = true;
                if (!raft.equals(listen.raft())) {
                    throw entry.error("raft", "this node's own entry says " + raft + " but listen.raft is "
                            + listen.raft());
                }
                publicKey = entry.optionalFelt("public_key").orElse(key.publicKey());
                if (!publicKey.equals(key.publicKey())) {
                    throw entry.error("public_key", "this node's own entry does not match its key (expected "
                            + key.publicKey().toHex() + ")");
                }
                fees = entry.optionalFelt("sequencer_address").map(ContractAddress::new).orElse(ownFees);
                if (!fees.equals(ownFees)) {
                    throw entry.error("sequencer_address", "this node's own entry differs from its sequencer_address");
                }
            } else {
                publicKey = entry.optionalFelt("public_key")
                        .orElseThrow(() -> entry.error("public_key", "missing (required for other nodes): the "
                                + "public key that signs its votes"));
                fees = entry.optionalFelt("sequencer_address").map(ContractAddress::new)
                        .orElseGet(() -> defaultSequencerAddress(publicKey));
            }
            Optional<Endpoint> grpc = entry.optionalEndpoint("grpc");
            boolean voter = entry.bool("genesis_voter", !(self && joining));
            entry.finish();
            for (PeerEntry earlier : peers) {
                if (earlier.id().equals(id)) {
                    throw entry.error("id", "node " + id + " is listed twice");
                }
                if (earlier.raft().equals(raft)) {
                    throw entry.error("raft", "the same address as " + earlier.id() + ": " + raft);
                }
            }
            peers.add(new PeerEntry(id, raft, publicKey, fees, grpc, voter));
        }
        if (!listsItself) {
            throw root.error("peers", "must include this node (" + selfId + ")");
        }
        if (peers.stream().noneMatch(PeerEntry::genesisVoter)) {
            throw root.error("peers", "no genesis voter: at least one peer must vote from genesis on");
        }
        return peers;
    }

    private static Optional<ProverModel> prover(ConfigObject prover, Optional<Path> source) {
        ProverModel d = ProverModel.DEFAULT;
        boolean simulated = prover.bool("simulated", true);
        int workers = (int) prover.integer("workers", d.workers(), 1, ProverModel.WORKERS_MAX);
        long perBlockMs = prover.integer("per_block_ms", d.perBlockMs(), 0, 3_600_000);
        double perTransactionMs = prover.decimal("per_transaction_ms", d.perTransactionMs(), 0, 60_000);
        double failure = prover.decimal("failure_probability", d.failureProbability(), 0, 1);
        double abandon = prover.decimal("abandon_probability", d.abandonProbability(), 0, 1);
        long leaseMs = prover.integer("lease_ms", d.leaseMs(), 1, 3_600_000);
        long idlePollMs = prover.integer("idle_poll_ms", d.idlePollMs(), 1, 60_000);
        long seed = prover.integer("seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE);
        prover.finish();
        ProverModel model = configError(source, prover.pathOf(""), () -> new ProverModel(workers, perBlockMs,
                perTransactionMs, failure, abandon, leaseMs, idlePollMs, seed));
        return simulated ? Optional.of(model) : Optional.empty();
    }

    private static ApiSettings api(Listen listen, ConfigObject limits, ConfigObject tls) {
        ApiSettings defaults = ApiSettings.defaults(listen.grpc(), listen.admin(), listen.metrics());
        int inboundBytes = (int) limits.integer("inbound_message_bytes_max", defaults.inboundMessageBytesMax(),
                1_024, 64L << 20);
        int perSubmit = (int) limits.integer("transactions_per_submit_max", defaults.transactionsPerSubmitMax(), 1,
                ApiSettings.TRANSACTIONS_PER_SUBMIT_MAX);
        long submitTimeoutMs = limits.integer("submit_timeout_ms", defaults.submitTimeoutMs(), 1, 600_000);
        int streamBuffer = (int) limits.integer("stream_buffer_blocks_max", defaults.streamBufferBlocksMax(), 1,
                100_000);
        int streams = (int) limits.integer("streams_max", defaults.streamsMax(), 1, 10_000);
        long graceMs = limits.integer("shutdown_grace_ms", defaults.shutdownGraceMs(), 0, 60_000);
        limits.finish();

        boolean enabled = tls.bool("enabled", false);
        Optional<Path> chain = tls.optionalPath("certificate_chain");
        Optional<Path> key = tls.optionalPath("private_key");
        Optional<Path> clientCa = tls.optionalPath("client_ca");
        Optional<Path> adminClientCa = tls.optionalPath("admin_client_ca");
        tls.finish();
        Optional<TlsSettings> publicTls = Optional.empty();
        Optional<TlsSettings> adminTls = Optional.empty();
        if (enabled) {
            requireFile(tls, "certificate_chain", chain);
            requireFile(tls, "private_key", key);
            clientCa.ifPresent(file -> requireFile(tls, "client_ca", clientCa));
            adminClientCa.ifPresent(file -> requireFile(tls, "admin_client_ca", adminClientCa));
            publicTls = Optional.of(new TlsSettings(chain.get(), key.get(), clientCa));
            if (listen.admin().isPresent()) {
                adminTls = Optional.of(new TlsSettings(chain.get(), key.get(), adminClientCa.or(() -> clientCa)));
            }
        } else if (chain.isPresent() || key.isPresent() || clientCa.isPresent() || adminClientCa.isPresent()) {
            throw tls.error("enabled", "TLS files are given but TLS is not enabled (set enabled: true)");
        }
        Optional<TlsSettings> publicServer = publicTls;
        Optional<TlsSettings> adminServer = adminTls;
        return configError(limits.file(), "limits.api", () -> new ApiSettings(listen.grpc(), listen.admin(),
                listen.metrics(), publicServer, adminServer, inboundBytes, perSubmit, submitTimeoutMs, streamBuffer,
                streams, graceMs));
    }

    private static void requireFile(ConfigObject object, String key, Optional<Path> file) {
        if (file.isEmpty()) {
            throw object.error(key, "missing (required when TLS is enabled)");
        }
        if (!java.nio.file.Files.isReadable(file.get())) {
            throw object.error(key, "cannot read " + file.get());
        }
    }

    /** Converts a value, turning the converter's IllegalArgumentException into a ConfigException on the field. */
    private static <T> T value(ConfigObject object, String key, Function<String, T> convert, String text) {
        try {
            return convert.apply(text);
        } catch (IllegalArgumentException e) {
            throw object.error(key, e.getMessage());
        }
    }

    private static <T> T configError(Optional<Path> source, String field, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, trimDot(field), e.getMessage(), e);
        }
    }

    private static String trimDot(String field) {
        return field.endsWith(".") ? field.substring(0, field.length() - 1) : field;
    }
}
