package io.vellum.simulations.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.node.Ordering;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.cluster.ClusterLayout;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import io.vellum.network.config.NodeFile;
import io.vellum.proposer.mempool.Admission;
import io.vellum.simulations.scenario.Scenario;
import io.vellum.simulations.scenario.ScenarioLoader;
import io.vellum.simulations.workload.SimulationGenesis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pieces of a process cluster that need no process: the node files it writes (read back by the node's own
 * strict reader, with the scenario's settings), the genesis file (the same genesis as the in-JVM one), and how a
 * node's answers map to outcomes.
 */
class ProcessClusterSettingsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 987_654_321})
    void nodeFilesCarryTheScenarioSettingsAndServeTheFaultService(long seed, @TempDir Path dir) throws Exception {
        Scenario scenario = new ScenarioLoader().parse("p.yaml", """
                name: p
                cluster:
                  nodes: 3
                  mode: processes
                  block_interval_ms: 300
                  quorum: "2/3"
                  prover: {workers: 2, per_block_ms: 150, failure_probability: 0.1}
                workloads:
                  - {kind: transfers, accounts: 20, signed: false}
                  - {kind: counter, accounts: 5}
                """);
        List<KeyFile> keys = new ArrayList<>();
        List<ClusterLayout.NodePorts> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(KeyFile.of(Felt.of(7_000 + i)));
            ports.add(new ClusterLayout.NodePorts(20_000 + 10 * i, 20_001 + 10 * i, 20_002 + 10 * i, 20_003 + 10 * i));
        }
        ClusterFile cluster = ClusterLayout.write(dir, new ClusterLayout.Spec("sim", "256m",
                SimulationGenesis.fileText(scenario.workloads()), keys, ports, List.of(),
                index -> ProcessCluster.nodeSettings(scenario.cluster(), false, seed, index)));
        Genesis expected = SimulationGenesis.build(scenario.workloads());
        for (int i = 0; i < 3; i++) {
            int index = i;
            NodeFile file = NodeFile.read(cluster.directory().resolve(cluster.nodes().get(i).config()));
            assertThat(file.id().value()).isEqualTo("n" + i);
            assertThat(file.listen().raft().host()).isEqualTo("127.0.0.1");
            assertThat(file.listen().admin()).isPresent();
            assertThat(file.faults().enabled()).isTrue();
            assertThat(file.faults().seed()).isEqualTo(seed);
            assertThat(file.core().blockIntervalMs()).isEqualTo(300);
            assertThat(file.core().proposalTimeoutMs()).isEqualTo(ProcessCluster.PROPOSAL_TIMEOUT_MS);
            assertThat(file.ratis().electionTimeoutMinMs()).isEqualTo(ProcessCluster.ELECTION_TIMEOUT_MIN_MS);
            assertThat(file.core().quorum().name()).isEqualTo(scenario.cluster().quorumRule().name()).isEqualTo("2/3");
            assertThat(file.execution().signatureChecksEnabled()).isFalse();
            assertThat(file.prover()).hasValueSatisfying(p -> {
                assertThat(p.workers()).isEqualTo(2);
                assertThat(p.perBlockMs()).isEqualTo(150);
                assertThat(p.failureProbability()).isEqualTo(0.1);
                assertThat(p.seed()).isEqualTo(seed * 31 + index);
            });
            assertThat(file.peers()).hasSize(3);
            assertThat(file.genesis().chainId()).isEqualTo(expected.chainId());
            assertThat(file.genesis().accounts()).isEqualTo(expected.accounts());
            assertThat(file.genesis().contracts()).isEqualTo(expected.contracts());
            assertThat(file.genesis().stateDiff()).isEqualTo(expected.stateDiff());
        }
    }

    private static final Felt HASH = Felt.of(0xabc);

    private static SubmitResult result(SubmitResult.Outcome outcome, String reason) {
        return SubmitResult.newBuilder().setTransactionHash(HASH.toHex()).setOutcome(outcome).setReason(reason).build();
    }

    @Test
    void answersMapToOutcomes() {
        assertThat(ProcessCluster.outcome(HASH, List.of(result(SubmitResult.Outcome.ORDERED, "")), null))
                .isInstanceOf(Ordering.Ordered.class);
        assertThat(ProcessCluster.outcome(HASH, List.of(result(SubmitResult.Outcome.REFUSED,
                "DUPLICATE: already pending or final; ask for its status")), null))
                .isEqualTo(new Ordering.Dropped(HASH, -1, Admission.DUPLICATE));
        assertThat(ProcessCluster.outcome(HASH, List.of(result(SubmitResult.Outcome.OVERLOADED, "MEMPOOL_FULL")),
                null)).isEqualTo(new Ordering.Dropped(HASH, -1, Admission.MEMPOOL_FULL));
        // A whole call refused: the reason travels in the status.
        assertThat(ProcessCluster.outcome(HASH, null, Status.FAILED_PRECONDITION.withDescription(
                "transactions[0]: nonce 3 is already used: account 0x1 is at nonce 4").asRuntimeException()))
                .isEqualTo(new Ordering.Dropped(HASH, -1, Admission.DUPLICATE));
        assertThat(ProcessCluster.outcome(HASH, null, Status.RESOURCE_EXHAUSTED.asRuntimeException()))
                .isEqualTo(new Ordering.Dropped(HASH, -1, Admission.MEMPOOL_FULL));
    }

    @Test
    void unknownAnswersFailTheFuture() {
        assertThatThrownBy(() -> ProcessCluster.outcome(HASH, List.of(result(SubmitResult.Outcome.UNKNOWN,
                "not ordered within 8000 ms")), null)).isInstanceOf(CompletionException.class)
                .hasMessageContaining("not ordered");
        assertThatThrownBy(() -> ProcessCluster.outcome(HASH, null, Status.UNAVAILABLE.asRuntimeException()))
                .isInstanceOf(CompletionException.class);
        assertThatThrownBy(() -> ProcessCluster.outcome(HASH, null, Status.DEADLINE_EXCEEDED.asRuntimeException()))
                .isInstanceOf(CompletionException.class);
        assertThatThrownBy(() -> ProcessCluster.outcome(HASH, List.of(result(SubmitResult.Outcome.REFUSED,
                "fee bound not covered")), null)).isInstanceOf(CompletionException.class);
    }
}
