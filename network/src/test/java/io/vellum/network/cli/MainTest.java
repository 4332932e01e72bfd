package io.vellum.network.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    @TempDir
    Path dir;

    /** The outcome of one command line. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "keys", "keys new", "client", "client transfer", "client status", "client block",
            "cluster", "cluster up", "cluster down", "cluster restart-node", "node", "admin", "admin members",
            "admin transfer-leadership", "admin add-member", "admin remove-member"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        Run run = run(args);
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: vellum");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bogus|Unmatched argument",
            "keys|a subcommand is required",
            "cluster up --nodes 0|--nodes must be 1 to",
            "cluster up --nodes x|Invalid value",
            "cluster up --base-port 80|--base-port",
            "client transfer --to 0x1 --amount 5|Missing required argument",
            "client transfer --private-key 0x1 --key-file k --to 0x1 --amount 5|mutually exclusive",
            "client transfer --private-key 0x1 --to 0x1|--amount",
            "client status --node nowhere|--node must be host:port",
            "client status --node 10.1.2.3:5000|loopback",
            "client tx zz|not a field element",
            "client block -- -4|not negative",
            "node|Missing required option",
            "admin members --admin 127.0.0.1|--admin must be host:port",
            "admin add-member n9 --raft 127.0.0.1 --public-key 0x1 --sequencer-address 0x2|--raft must be host:port",
            "admin add-member n9 --raft 127.0.0.1:7000 --public-key zz --sequencer-address 0x2|not a field element",
            "admin add-member n9 --raft 127.0.0.1:7000 --sequencer-address 0x2|Missing required option",
            "admin add-member --raft 127.0.0.1:7000 --public-key 0x1 --sequencer-address 0x2|Missing required parameter",
            "admin remove-member|Missing required parameter"})
    void badArgumentsExitWithTwoAndSayWhy(String line, String message) {
        Run run = run(line.split(" "));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    @Test
    void keysNewWritesAFileThatReadsBack() {
        Path file = dir.resolve("n0.key");
        Run run = run("keys", "new", "--out", file.toString());
        assertThat(run.code()).isZero();
        KeyFile key = KeyFile.read(file);
        assertThat(key.publicKey()).isEqualTo(Ecdsa.publicKey(key.privateKey()));
        assertThat(run.out()).contains(key.publicKey().toHex()).doesNotContain(key.privateKey().toHex());

        Run again = run("keys", "new", "--out", file.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        assertThat(KeyFile.read(file)).isEqualTo(key);
    }

    @Test
    void keysNewPrintsAFreshPairEachTime() {
        Run first = run("keys", "new");
        Run second = run("keys", "new");
        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("private_key:").contains("public_key:");
        assertThat(first.out()).isNotEqualTo(second.out());
    }

    @Test
    void aClientCallToANodeThatIsNotThereFailsWithOne() {
        int port = 20_000 + (int) (ProcessHandle.current().pid() % 5_000);
        Run run = run("client", "status", "--node", "127.0.0.1:" + port, "--timeout-ms", "2000");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("UNAVAILABLE");
    }

    @Test
    void aBadNodeFileExitsWithTwoNamingTheField() throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, "id: n0\nprivate_key: \"0x5\"\nlisten: {raft: \"127.0.0.1:21000\"}\n");
        Run run = run("node", "--config", file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("node.yaml").contains("listen.grpc").contains("missing");
    }

    @Test
    void nodeCheckPrintsWhatAFileResolvesTo() throws Exception {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, """
                id: n0
                private_key: "0x5"
                data_dir: here
                listen: {raft: "127.0.0.1:21000", grpc: "127.0.0.1:21001"}
                peers: [{id: n0, raft: "127.0.0.1:21000"}]
                """);
        Run run = run("node", "--config", file.toString(), "--check");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("ok").contains(dir.resolve("here").toString()).contains("n0@127.0.0.1:21000")
                .contains("the bundled sample");
    }

    @Test
    void clusterCommandsOnADirectoryThatIsNotAClusterSayWhat() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Run run = run("cluster", "down", "--dir", dir.resolve("empty").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(ClusterFile.NODES_FILE).contains("cluster directory");
    }

    @Test
    void clusterUpRefusesADirectoryWithOtherFiles() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        Run run = run("cluster", "up", "--dir", other.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("not a cluster directory");
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("mine");
    }
}
