package io.vellum.network.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.node.Endpoint;
import io.vellum.proposer.NodeId;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenesisAndClusterFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 91})
    void aGenesisInYamlBuildsTheSameStateAsInJson(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder json = new StringBuilder("{\"chain_id\": \"MY_CHAIN\", \"accounts\": [");
        StringBuilder yaml = new StringBuilder("chain_id: MY_CHAIN\naccounts:\n");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String key = "0x" + Long.toHexString(1 + random.nextLong(1L << 60));
            String balance = Long.toString(random.nextLong(1L << 62));
            json.append(i == 0 ? "" : ", ").append("{\"private_key\": \"").append(key).append("\", \"balance\": \"")
                    .append(balance).append("\"}");
            yaml.append("  - private_key: \"").append(key).append("\"\n    balance: ").append(balance).append('\n');
        }
        json.append("], \"workload\": {\"counter\": true}}");
        yaml.append("workload:\n  counter: true\n");
        Path jsonFile = Files.writeString(dir.resolve("genesis.json"), json);
        Path yamlFile = Files.writeString(dir.resolve("genesis.yaml"), yaml);

        Genesis fromJson = GenesisFile.load(jsonFile);
        Genesis fromYaml = GenesisFile.load(yamlFile);
        assertThat(fromYaml.stateDiff()).isEqualTo(fromJson.stateDiff());
        assertThat(fromYaml.accounts()).isEqualTo(fromJson.accounts());
        assertThat(fromYaml.accounts()).hasSize(count);
        assertThat(fromYaml.contracts().counter()).isPresent();
    }

    @Test
    void aGenesisErrorNamesTheFileAndTheField() throws IOException {
        Path file = Files.writeString(dir.resolve("g.yaml"), "accounts:\n  - private_key: 0x5\n    balance: -1\n");
        assertThatThrownBy(() -> GenesisFile.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("g.yaml").hasMessageContaining("accounts[0].balance");
    }

    @Test
    void aClusterFileReadsBackWhatWasWritten() {
        SecureRandom random = new SecureRandom();
        List<ClusterFile.Account> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KeyFile key = KeyFile.generate(random);
            accounts.add(new ClusterFile.Account(GenesisAccounts.accountAddress(key.publicKey()), key.privateKey(),
                    key.publicKey(), BigInteger.TEN.pow(20 + i)));
        }
        List<ClusterFile.Node> nodes = List.of(
                new ClusterFile.Node(NodeId.of("n0"), Path.of("n0", "node.yaml"), Endpoint.loopback(27101),
                        Optional.of(Endpoint.loopback(27102)), Optional.of(Endpoint.loopback(27103))),
                new ClusterFile.Node(NodeId.of("n1"), Path.of("n1", "node.yaml"), Endpoint.loopback(27111),
                        Optional.empty(), Optional.empty()));
        ClusterFile written = new ClusterFile(dir, "256m", nodes, accounts);
        written.write();

        ClusterFile read = ClusterFile.read(dir);
        assertThat(read).isEqualTo(written);
        assertThat(read.node("n1").directory(dir)).isEqualTo(dir.resolve("n1"));
        assertThat(read.account(2).balance()).isEqualTo(BigInteger.TEN.pow(22));
        assertThatThrownBy(() -> read.node("n7")).isInstanceOf(ConfigException.class).hasMessageContaining("n7");
        assertThatThrownBy(() -> read.account(3)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("there are 3");
    }

    @Test
    void anAccountWhoseKeysDisagreeIsRefused() throws IOException {
        new ClusterFile(dir, "256m", List.of(new ClusterFile.Node(NodeId.of("n0"), Path.of("n0", "node.yaml"),
                Endpoint.loopback(27101), Optional.empty(), Optional.empty())), List.of()).write();
        Files.writeString(dir.resolve(ClusterFile.ACCOUNTS_FILE), "accounts:\n  - address: \"0x1\"\n"
                + "    private_key: \"0x5\"\n    public_key: \"" + Felt.of(9).toHex() + "\"\n");
        assertThatThrownBy(() -> ClusterFile.read(dir)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo("accounts[0].public_key"));
    }
}
