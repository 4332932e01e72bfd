package io.vellum.simulations.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    private static final String FULL = """
            name: full
            description: every key
            seed: 7
            duration_s: 40
            cluster:
              nodes: 5
              mode: in-jvm
              block_interval_ms: 200
              quorum: 2/3
              proposer_schedule: leader
              ordering: fifo
              prover: {workers: 2, per_block_ms: 50, per_transaction_ms: 0.1, failure_probability: 0.1}
            workloads:
              - kind: transfers
                accounts: 50
                rate: {ramp: {from: 10, to: 100}}
                hot_spot: {fraction: 0.1, share: 0.9}
              - kind: key-value
                accounts: 20
                rate: {bursts: {base: 5, peak: 50, every_s: 10, length_s: 2}}
                writes: 8
            faults:
              - {at_s: 10, duration_s: 5, target: leader, kind: crash}
              - {at_s: 20, duration_s: 5, target: all, kind: delay, delay_ms: 50, jitter_ms: 10}
              - {at_s: 30, target: n2, kind: lying-proposer, mode: reorder}
            generate: {faults: 2, kinds: [restart, clock-skew]}
            checks: {skip: [progress], progress_bound_s: 15, drain_s: 20}
            """;

    @Test
    void readsEveryKey() throws ScenarioException {
        Scenario scenario = loader.parse("full.yaml", FULL);
        assertThat(scenario.seed()).isEqualTo(7L);
        assertThat(scenario.cluster().nodes()).isEqualTo(5);
        assertThat(scenario.cluster().quorumRule().quorum(5)).isEqualTo(4);
        assertThat(scenario.cluster().prover().failureProbability()).isEqualTo(0.1);
        assertThat(scenario.workloads()).extracting(WorkloadSpec::kind)
                .containsExactly(WorkloadSpec.Kind.TRANSFERS, WorkloadSpec.Kind.KEY_VALUE);
        assertThat(scenario.workloads().get(0).rate().at(20, 40)).isEqualTo(55.0);
        assertThat(scenario.workloads().get(1).rate().at(11, 40)).isEqualTo(50.0);
        assertThat(scenario.workloads().get(1).rate().at(13, 40)).isEqualTo(5.0);
        assertThat(scenario.faults()).hasSize(3);
        assertThat(scenario.faults().get(2).endS(40)).isEqualTo(40.0);
        assertThat(scenario.checks().runs("progress")).isFalse();
        assertThat(scenario.generator()).isPresent();
    }

    @Test
    void defaultsFillMissingKeys() throws ScenarioException {
        Scenario scenario = loader.parse("min.yaml", "name: min\n");
        assertThat(scenario.durationS()).isEqualTo(60);
        assertThat(scenario.cluster().nodes()).isEqualTo(3);
        assertThat(scenario.workloads()).hasSize(1);
        assertThat(scenario.seedIfSet()).isEmpty();
    }

    @Test
    void writtenScenarioReadsBackEqual() throws ScenarioException {
        Scenario scenario = loader.parse("full.yaml", FULL);
        Scenario again = loader.parse("again.yaml", loader.write(scenario));
        assertThat(again).isEqualTo(scenario);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top key       | name: x\\nnodes: 3                                     | nodes",
        "unknown nested key    | name: x\\ncluster: {nodez: 3}                          | cluster",
        "string for a number   | name: x\\ncluster: {nodes: 'three'}                    | cluster.nodes",
        "fraction for integer  | name: x\\ncluster: {nodes: 2.5}                        | cluster.nodes",
        "too many nodes        | name: x\\ncluster: {nodes: 40}                         | cluster.nodes",
        "bad mode              | name: x\\ncluster: {mode: docker}                      | cluster.mode",
        "bad quorum            | name: x\\ncluster: {quorum: most}                      | cluster.quorum",
        "bad fault kind        | name: x\\nfaults: [{at_s: 1, kind: meteor}]            | faults[0].kind",
        "bad target            | name: x\\nfaults: [{at_s: 1, kind: crash, target: n7}] | faults[0].target",
        "missing delay         | name: x\\nfaults: [{at_s: 1, kind: delay}]             | delay_ms",
        "stray parameter       | name: x\\nfaults: [{at_s: 1, kind: crash, loss: 0.1}]  | loss",
        "fault after the end   | name: x\\nduration_s: 10\\nfaults: [{at_s: 11, kind: crash}] | at_s",
        "two rates             | name: x\\nworkloads: [{kind: counter, rate: {constant: 1, ramp: {from: 1, to: 2}}}] | rate",
        "bad workload kind     | name: x\\nworkloads: [{kind: mining}]                  | workloads[0].kind",
        "unknown checker       | name: x\\nchecks: {skip: [vibes]}                      | checks.skip",
        "not yaml              | name: x\\ncluster: {nodes: 3                            | YAML",
        "bad name              | name: 'a b'                                          | name",
        "pause in one JVM      | name: x\\nfaults: [{at_s: 1, kind: pause}]             | cluster.mode: processes",
        "pause with parameter  | name: x\\ncluster: {mode: processes}\\nfaults: [{at_s: 1, kind: pause, skew_ms: 5}] | skew_ms",
        "lying in processes    | name: x\\ncluster: {mode: processes}\\nfaults: [{at_s: 1, kind: lying-proposer}] | faults[0].kind",
        "stall in processes    | name: x\\ncluster: {mode: processes}\\nfaults: [{at_s: 1, kind: prover-stall}] | faults[0].kind",
        "join in processes     | name: x\\ncluster: {mode: processes}\\nfaults: [{at_s: 1, kind: join, target: n3}] | not supported with cluster.mode: processes",
    })
    void rejectsBadInputNamingFileAndKey(String what, String text, String mentioned) {
        assertThatThrownBy(() -> loader.parse("bad.yaml", text.replace("\\n", "\n")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("bad.yaml")
                .hasMessageContaining(mentioned);
    }

    @Test
    void generatorIsSeededAndKeepsFaultsApart() throws ScenarioException {
        Scenario scenario = loader.parse("gen.yaml", """
                name: gen
                duration_s: 60
                generate: {faults: 4, kinds: [crash, isolate, delay, loss, clock-skew], max_duration_s: 8}
                """);
        Scenario first = FaultGenerator.expand(scenario, 11);
        Scenario again = FaultGenerator.expand(scenario, 11);
        Scenario other = FaultGenerator.expand(scenario, 12);
        assertThat(first.faults()).hasSize(4).isEqualTo(again.faults()).isNotEqualTo(other.faults());
        List<FaultSpec> faults = first.faults();
        for (int i = 1; i < faults.size(); i++) {
            assertThat(faults.get(i).atS()).isGreaterThanOrEqualTo(faults.get(i - 1).endS(60));
        }
        assertThat(faults.get(3).endS(60)).isLessThanOrEqualTo(50.0);
    }

    @Test
    void processClusterWithPauseReadsAndWritesBack() throws ScenarioException {
        Scenario scenario = loader.parse("p.yaml", """
                name: p
                duration_s: 30
                cluster: {nodes: 3, mode: processes}
                faults:
                  - {at_s: 5, duration_s: 4, target: follower, kind: pause}
                  - {at_s: 12, duration_s: 4, target: leader, kind: crash}
                  - {at_s: 20, duration_s: 4, target: all, kind: delay, delay_ms: 30}
                """);
        assertThat(scenario.cluster().mode()).isEqualTo(ClusterSpec.Mode.PROCESSES);
        assertThat(scenario.faults()).extracting(FaultSpec::kind)
                .containsExactly(FaultSpec.Kind.PAUSE, FaultSpec.Kind.CRASH, FaultSpec.Kind.DELAY);
        assertThat(loader.parse("again.yaml", loader.write(scenario))).isEqualTo(scenario);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void generatorDrawsOnlyWhatAProcessClusterCanInject(long seed) throws ScenarioException {
        Scenario scenario = loader.parse("gen.yaml", """
                name: gen
                duration_s: 120
                cluster: {mode: processes}
                generate: {faults: 8, max_duration_s: 5}
                """);
        Scenario expanded = FaultGenerator.expand(scenario, seed);
        assertThat(expanded.faults()).isNotEmpty()
                .allSatisfy(fault -> assertThat(fault.kind().supportsProcesses()).isTrue());
    }

    @Test
    void generatorRefusesKindsAProcessClusterCannotInject() throws ScenarioException {
        Scenario scenario = loader.parse("gen.yaml", """
                name: gen
                cluster: {mode: processes}
                generate: {faults: 2, kinds: [prover-stall]}
                """);
        assertThatThrownBy(() -> FaultGenerator.expand(scenario, 1)).hasMessageContaining("generate.kinds");
    }
}
