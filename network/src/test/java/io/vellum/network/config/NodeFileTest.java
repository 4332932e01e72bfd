package io.vellum.network.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.proposer.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeFileTest {
    private static final Felt KEY_0 = Felt.of(0x1001);
    private static final Felt KEY_1 = Felt.of(0x1002);

    @TempDir
    Path dir;

    private static String minimal() {
        return """
                id: n0
                private_key: "0x1001"
                listen:
                  raft: 127.0.0.1:21000
                  grpc: 127.0.0.1:21001
                peers:
                  - id: n0
                    raft: 127.0.0.1:21000
                """;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aMinimalFileTakesEveryDefault() throws IOException {
        NodeFile file = NodeFile.read(write("node.yaml", minimal()));

        assertThat(file.id()).isEqualTo(NodeId.of("n0"));
        assertThat(file.clusterName()).isEqualTo("vellum");
        assertThat(file.dataDir()).isEmpty();
        assertThat(file.key().publicKey()).isEqualTo(Ecdsa.publicKey(KEY_0));
        assertThat(file.listen().admin()).isEmpty();
        assertThat(file.listen().metrics()).isEmpty();
        assertThat(file.core().blockIntervalMs()).isEqualTo(NodeFile.DEFAULT_BLOCK_INTERVAL_MS);
        assertThat(file.core().quorum().name()).isEqualTo("majority");
        assertThat(file.genesis().chainId().toString()).isEqualTo(GenesisLoader.sample().chainId().toString());
        assertThat(file.prover()).isPresent();
        assertThat(file.api().publicTls()).isEmpty();
        assertThat(file.api().publicAddress()).isEqualTo(Endpoint.loopback(21001));
        assertThat(file.execution().signatureChecksEnabled()).isTrue();

        NodeConfig config = file.nodeConfig(dir.resolve("data"));
        assertThat(config.id()).isEqualTo(NodeId.of("n0"));
        assertThat(config.raftAddress()).isEqualTo(Endpoint.loopback(21000));
        assertThat(config.genesisVoters()).hasSize(1);
        assertThat(config.genesisVoters().get(0).publicKey()).isEqualTo(Ecdsa.publicKey(KEY_0));
        assertThat(config.core().chainId()).isEqualTo(config.genesis().chainId());
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
    }

    @Test
    void everyKeyIsReadAndRelativePathsFollowTheFile() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("conf"));
        KeyFile.of(KEY_0).write(sub.resolve("n0.key"));
        Files.writeString(sub.resolve("genesis.yaml"), """
                chain_id: MY_CHAIN
                accounts:
                  - private_key: "0x77"
                    balance: "1000"
                """);
        Files.writeString(sub.resolve("cert.pem"), "not checked here");
        Files.writeString(sub.resolve("key.pem"), "not checked here");
        Files.writeString(sub.resolve("admins.pem"), "not checked here");
        String text = """
                id: n0
                cluster_name: test-cluster
                data_dir: data/n0
                key_file: n0.key
                sequencer_address: "0x5e9"
                listen:
                  raft: 127.0.0.1:21000
                  grpc: 127.0.0.1:21001
                  admin: 127.0.0.1:21002
                  metrics: 127.0.0.1:21003
                peers:
                  - id: n0
                    raft: 127.0.0.1:21000
                    grpc: 127.0.0.1:21001
                  - id: n1
                    raft: 127.0.0.1:21010
                    public_key: "%s"
                    sequencer_address: "0x5ea"
                genesis: genesis.yaml
                chain:
                  block_interval_ms: 50
                  build_budget_ms: 400
                  proposal_timeout_ms: 2000
                  vote_resend_ms: 300
                  quorum: all
                  ordering: tip-priority
                  schedule: round-robin:3
                  l2_gas_price_fri: 7
                  signature_checks: false
                limits:
                  block: {transactions_max: 100, l2_gas_max: 99999999, state_diff_entries_max: 500, events_max: 600}
                  mempool: {transactions_max: 1000, transactions_per_account_max: 16}
                  batching: {transactions_per_batch_max: 50, batch_delay_ms: 2, queue_capacity: 500, ordering_timeout_ms: 9000}
                  api:
                    inbound_message_bytes_max: 2000000
                    transactions_per_submit_max: 100
                    submit_timeout_ms: 5000
                    stream_buffer_blocks_max: 32
                    streams_max: 8
                    shutdown_grace_ms: 1500
                raft:
                  election_timeout_min_ms: 200
                  election_timeout_max_ms: 400
                  request_timeout_ms: 4000
                  snapshot_threshold_entries: 1000
                storage:
                  durability: durable
                prover:
                  simulated: true
                  workers: 2
                  per_block_ms: 10
                  per_transaction_ms: 0.25
                  failure_probability: 0.1
                  abandon_probability: 0.05
                  lease_ms: 5000
                  idle_poll_ms: 50
                  seed: 42
                tls:
                  enabled: true
                  certificate_chain: cert.pem
                  private_key: key.pem
                  admin_client_ca: admins.pem
                """.formatted(Ecdsa.publicKey(KEY_1).toHex());
        NodeFile file = NodeFile.read(write("conf/node.yaml", text));

        assertThat(file.clusterName()).isEqualTo("test-cluster");
        assertThat(file.dataDir()).contains(sub.resolve("data/n0").toAbsolutePath());
        assertThat(file.genesisFile()).contains(sub.resolve("genesis.yaml").toAbsolutePath());
        assertThat(file.genesis().chainId().toString()).contains("MY_CHAIN");
        assertThat(file.sequencerAddress().value()).isEqualTo(Felt.of(0x5e9));
        assertThat(file.listen().admin()).contains(Endpoint.loopback(21002));
        assertThat(file.listen().metrics()).contains(Endpoint.loopback(21003));
        assertThat(file.peers()).hasSize(2);
        assertThat(file.peer(NodeId.of("n0")).orElseThrow().grpc()).contains(Endpoint.loopback(21001));
        assertThat(file.peer(NodeId.of("n1")).orElseThrow().sequencerAddress().value()).isEqualTo(Felt.of(0x5ea));
        assertThat(file.core().blockIntervalMs()).isEqualTo(50);
        assertThat(file.core().buildBudgetMs()).isEqualTo(400);
        assertThat(file.core().proposalTimeoutMs()).isEqualTo(2000);
        assertThat(file.core().voteResendMs()).isEqualTo(300);
        assertThat(file.core().quorum().name()).isEqualTo("all");
        assertThat(file.core().orderingPolicy().name()).isEqualTo("tip-priority");
        assertThat(file.core().schedule().name()).startsWith("round-robin");
        assertThat(file.core().gasPrices().l2GasPriceFri()).isEqualTo(Felt.of(7));
        assertThat(file.core().limits().transactionCountMax()).isEqualTo(100);
        assertThat(file.core().limits().l2GasMax()).isEqualTo(99_999_999L);
        assertThat(file.core().limits().stateDiffEntriesMax()).isEqualTo(500);
        assertThat(file.core().limits().eventCountMax()).isEqualTo(600);
        assertThat(file.core().mempoolLimits().transactionsMax()).isEqualTo(1000);
        assertThat(file.core().mempoolLimits().transactionsPerAccountMax()).isEqualTo(16);
        assertThat(file.execution().signatureChecksEnabled()).isFalse();
        assertThat(file.batching().transactionsPerBatchMax()).isEqualTo(50);
        assertThat(file.batching().batchDelayMs()).isEqualTo(2);
        assertThat(file.batching().queueCapacity()).isEqualTo(500);
        assertThat(file.batching().orderingTimeoutMs()).isEqualTo(9000);
        assertThat(file.ratis().electionTimeoutMinMs()).isEqualTo(200);
        assertThat(file.ratis().electionTimeoutMaxMs()).isEqualTo(400);
        assertThat(file.ratis().requestTimeoutMs()).isEqualTo(4000);
        assertThat(file.ratis().snapshotThresholdEntries()).isEqualTo(1000);
        assertThat(file.storeOptions().syncByDefault()).isTrue();
        assertThat(file.prover()).isPresent();
        assertThat(file.prover().get().workers()).isEqualTo(2);
        assertThat(file.prover().get().perTransactionMs()).isEqualTo(0.25);
        assertThat(file.prover().get().failureProbability()).isEqualTo(0.1);
        assertThat(file.prover().get().seed()).isEqualTo(42);
        assertThat(file.api().publicTls()).isPresent();
        assertThat(file.api().publicTls().get().certificateChain()).isEqualTo(sub.resolve("cert.pem").toAbsolutePath());
        assertThat(file.api().publicTls().get().trustRoots()).isEmpty();
        assertThat(file.api().adminTls().get().trustRoots()).contains(sub.resolve("admins.pem").toAbsolutePath());
        assertThat(file.api().adminAddress()).contains(Endpoint.loopback(21002));
        assertThat(file.api().metricsAddress()).contains(Endpoint.loopback(21003));
        assertThat(file.api().inboundMessageBytesMax()).isEqualTo(2_000_000);
        assertThat(file.api().transactionsPerSubmitMax()).isEqualTo(100);
        assertThat(file.api().submitTimeoutMs()).isEqualTo(5_000);
        assertThat(file.api().streamBufferBlocksMax()).isEqualTo(32);
        assertThat(file.api().streamsMax()).isEqualTo(8);
        assertThat(file.api().shutdownGraceMs()).isEqualTo(1_500);
        assertThat(file.sequencerSettings().storeOptions().syncByDefault()).isTrue();

        NodeConfig config = file.nodeConfig(dir);
        assertThat(config.genesisVoters()).extracting(m -> m.id().value()).containsExactly("n0", "n1");
        assertThat(config.peers()).hasSize(2);
    }

    @Test
    void theFaultServiceIsOffUnlessEnabledAndNeedsTheAdminAddress() throws IOException {
        assertThat(NodeFile.read(write("plain.yaml", minimal())).faults().enabled()).isFalse();

        String withAdmin = minimal().replace("  grpc: 127.0.0.1:21001\n",
                "  grpc: 127.0.0.1:21001\n  admin: 127.0.0.1:21002\n");
        NodeFile on = NodeFile.read(write("on.yaml", withAdmin + "faults:\n  enabled: true\n  seed: 77\n"
                + "  clock_skew_max_ms: 5000\n"));
        assertThat(on.faults().enabled()).isTrue();
        assertThat(on.faults().seed()).isEqualTo(77);
        assertThat(on.faults().clockSkewMaxMs()).isEqualTo(5000);

        Path noAdmin = write("off.yaml", minimal() + "faults:\n  enabled: true\n");
        assertThatThrownBy(() -> NodeFile.read(noAdmin)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("faults.enabled").hasMessageContaining("admin");
        Path unknown = write("unknown.yaml", withAdmin + "faults:\n  enabeld: true\n");
        assertThatThrownBy(() -> NodeFile.read(unknown)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("enabeld");
    }

    @Test
    void theSimulatedProverCanBeTurnedOff() throws IOException {
        NodeFile file = NodeFile.read(write("node.yaml", minimal() + "prover:\n  simulated: false\n"));
        assertThat(file.prover()).isEmpty();
        assertThat(file.sequencerSettings().prover()).isEmpty();
    }

    @Test
    void aJoiningNodeIsNotAGenesisVoter() throws IOException {
        String text = """
                id: n1
                private_key: "0x1002"
                joining: true
                listen: {raft: "127.0.0.1:21010", grpc: "127.0.0.1:21011"}
                peers:
                  - {id: n0, raft: "127.0.0.1:21000", public_key: "%s"}
                  - {id: n1, raft: "127.0.0.1:21010"}
                """.formatted(Ecdsa.publicKey(KEY_0).toHex());
        NodeConfig config = NodeFile.read(write("node.yaml", text)).nodeConfig(dir);
        assertThat(config.joining()).isTrue();
        assertThat(config.genesisVoters()).extracting(m -> m.id().value()).containsExactly("n0");
    }

    static Stream<Arguments> badFiles() {
        String m = minimal();
        return Stream.of(
                Arguments.of("an unknown top-level key", m + "block_interval_ms: 5\n", "block_interval_ms",
                        "unknown key"),
                Arguments.of("an unknown nested key", m + "chain:\n  blok_interval_ms: 5\n",
                        "chain.blok_interval_ms", "unknown key"),
                Arguments.of("no id", m.replace("id: n0\n", ""), "id", "missing"),
                Arguments.of("a bad id", m.replace("id: n0\n", "id: \"n 0\"\n"), "id", "node id"),
                Arguments.of("no key", m.replace("private_key: \"0x1001\"\n", ""), "key_file", "exactly one"),
                Arguments.of("a zero key", m.replace("0x1001", "0x0"), "private_key", "[1, n)"),
                Arguments.of("a key that is not a number", m.replace("0x1001", "0xzz"), "private_key", "hex"),
                Arguments.of("no raft address", m.replace("  raft: 127.0.0.1:21000\n", ""), "listen.raft",
                        "missing"),
                Arguments.of("a port that is not a number", m.replace("127.0.0.1:21001", "127.0.0.1:x"),
                        "listen.grpc", "port"),
                Arguments.of("an address off loopback", m.replace("127.0.0.1:21001", "8.8.8.8:21001"),
                        "listen.grpc", "loopback"),
                Arguments.of("grpc on the raft address", m.replace("127.0.0.1:21001", "127.0.0.1:21000"),
                        "listen.grpc", "same address"),
                Arguments.of("no peers", m.substring(0, m.indexOf("peers:")), "peers", "missing"),
                Arguments.of("peers without this node", m.replace("  - id: n0", "  - public_key: 1\n    id: n9"), "peers",
                        "must include this node"),
                Arguments.of("its own entry at another address", m.replace("    raft: 127.0.0.1:21000",
                        "    raft: 127.0.0.1:21005"), "peers[0].raft", "listen.raft"),
                Arguments.of("another peer without a public key", m + "  - {id: n1, raft: \"127.0.0.1:21010\"}\n",
                        "peers[1].public_key", "missing"),
                Arguments.of("a peer listed twice", m + "  - {id: n1, raft: \"127.0.0.1:21010\", public_key: 1}\n"
                        + "  - {id: n1, raft: \"127.0.0.1:21020\", public_key: 2}\n",
                        "peers[2].id", "twice"),
                Arguments.of("a bad quorum", m + "chain:\n  quorum: most\n", "chain.quorum", "unknown quorum"),
                Arguments.of("a bad ordering", m + "chain:\n  ordering: lifo\n", "chain.ordering", "unknown ordering"),
                Arguments.of("a zero block interval", m + "chain:\n  block_interval_ms: 0\n",
                        "chain.block_interval_ms", "[1,"),
                Arguments.of("a text where a number goes", m + "chain:\n  block_interval_ms: soon\n",
                        "chain.block_interval_ms", "whole number"),
                Arguments.of("a batch larger than the queue", m
                        + "limits:\n  batching: {transactions_per_batch_max: 100, queue_capacity: 10}\n",
                        "limits.batching", "queue"),
                Arguments.of("an election timeout range upside down", m
                        + "raft: {election_timeout_min_ms: 500, election_timeout_max_ms: 400}\n", "raft",
                        "election timeout"),
                Arguments.of("a bad durability", m + "storage:\n  durability: maybe\n", "storage.durability",
                        "durable"),
                Arguments.of("TLS without a certificate", m + "tls:\n  enabled: true\n", "tls.certificate_chain",
                        "required when TLS"),
                Arguments.of("TLS files without TLS", m + "tls:\n  certificate_chain: c.pem\n", "tls.enabled",
                        "not enabled"),
                Arguments.of("too many transactions per call", m + "limits:\n  api: {transactions_per_submit_max: 5000}\n",
                        "limits.api.transactions_per_submit_max", "[1, 1000]"),
                Arguments.of("a prover that always fails", m + "prover:\n  failure_probability: 1.0\n",
                        "prover", "failureProbability"),
                Arguments.of("a missing genesis file", m + "genesis: nowhere.json\n", "", "no such file"),
                Arguments.of("a list where a mapping goes", m + "chain: [1, 2]\n", "chain", "mapping"),
                Arguments.of("a boolean as text", m + "joining: yes please\n", "joining", "true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedNamingTheFileAndTheField(String what, String text, String field, String reason)
            throws IOException {
        Path file = write("bad.yaml", text);
        assertThatThrownBy(() -> NodeFile.read(file))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException error = (ConfigException) e;
                    assertThat(error.field()).isEqualTo(field);
                    assertThat(error.getMessage()).contains(reason);
                    assertThat(error.getMessage()).contains(error.file().orElseThrow().getFileName().toString());
                });
    }

    @Test
    void notYamlIsRefusedWithALine() throws IOException {
        Path file = write("bad.yaml", "id: n0\nlisten: [\n");
        assertThatThrownBy(() -> NodeFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("not valid YAML");
    }

    @Test
    void aBadGenesisFileIsNamedWithItsField() throws IOException {
        write("genesis.json", "{\"accounts\": [{\"private_key\": \"0x1\"}]}");
        Path file = write("node.yaml", minimal() + "genesis: genesis.json\n");
        assertThatThrownBy(() -> NodeFile.read(file)).isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException error = (ConfigException) e;
                    assertThat(error.file()).map(Path::getFileName).contains(Path.of("genesis.json"));
                    assertThat(error.field()).isEqualTo("accounts[0].balance");
                });
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = write("empty.yaml", "\n");
        assertThatThrownBy(() -> NodeFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void parsingTextHasNoFile() {
        assertThatThrownBy(() -> NodeFile.parse("id: n0\n")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).file()).isEqualTo(Optional.empty()));
    }
}
