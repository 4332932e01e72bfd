package io.vellum.network.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.block.GenesisSpec;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.network.config.NodeFile;
import io.vellum.network.node.TestCertificates;
import io.vellum.network.node.VellumNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node built from a node file with {@code tls} set (server TLS on the public server, mutual TLS on the admin
 * server, certificates of a throw-away authority), reached by the command line's client and admin commands with
 * and without the right TLS options.
 */
class NodeTlsTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theCommandLineReachesATlsNodeOnlyWithTheRightCredentials() throws Exception {
        TestCertificates authority = TestCertificates.authority(dir.resolve("pki"), 21);
        TestCertificates.Issued server = authority.server("node");
        TestCertificates.Issued operator = authority.client("operator");
        Path ca = authority.authority().certificate();
        int base = ProcessClusterTest.freeBasePort(new SplittableRandom(System.nanoTime()));
        String raft = "127.0.0.1:" + base;
        String grpc = "127.0.0.1:" + (base + 1);
        String admin = "127.0.0.1:" + (base + 2);
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, """
                id: solo
                private_key: "0x5eed"
                data_dir: data
                listen: {raft: "%s", grpc: "%s", admin: "%s"}
                peers: [{id: solo, raft: "%s"}]
                chain: {block_interval_ms: 50}
                tls:
                  enabled: true
                  certificate_chain: "%s"
                  private_key: "%s"
                  admin_client_ca: "%s"
                """.formatted(raft, grpc, admin, raft, server.certificate(), server.privateKey(), ca));
        NodeFile config = NodeFile.read(file);
        VellumNode node = new VellumNode(config.nodeConfig(dir.resolve("data")), config.sequencerSettings(),
                config.api(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC());
        try {
            node.start();
            String[] tls = {"--tls-ca", ca.toString()};
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            MainTest.Run status;
            do {
                status = MainTest.run(concat(new String[] {"client", "status", "--node", grpc}, tls));
                if (status.code() == 0 && status.out().contains("LEADER")) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
            assertThat(status.out()).as(status.err()).contains("role: \"LEADER\"");

            MainTest.Run plaintext = MainTest.run("client", "status", "--node", grpc, "--timeout-ms", "3000");
            assertThat(plaintext.code()).isEqualTo(1);
            assertThat(plaintext.err()).contains("UNAVAILABLE");

            GenesisSpec.ListedAccount sender = (GenesisSpec.ListedAccount) GenesisLoader.sample().accounts().get(0);
            String recipient = GenesisAccounts.accountAddress(Ecdsa.publicKey(Felt.of(0x77))).value().toHex();
            MainTest.Run transfer = MainTest.run(concat(new String[] {"client", "transfer", "--node", grpc,
                    "--private-key", sender.privateKey().toHex(), "--to", recipient, "--amount", "5", "--wait"}, tls));
            assertThat(transfer.code()).as(transfer.err() + transfer.out()).isZero();
            assertThat(transfer.out()).contains("FINAL_SUCCEEDED");
            MainTest.Run balance = MainTest.run(concat(new String[] {"client", "balance", "--node", grpc, recipient},
                    tls));
            assertThat(balance.out().trim()).isEqualTo("5");
            // The fee went to the node's sequencer address (by default the account of its key), at the gas price.
            MainTest.Run fees = MainTest.run(concat(new String[] {"client", "balance", "--node", grpc,
                    config.sequencerAddress().value().toHex()}, tls));
            assertThat(new java.math.BigInteger(fees.out().trim()))
                    .isPositive().isEqualByComparingTo(java.math.BigInteger.valueOf(10).multiply(
                            new java.math.BigInteger(fees.out().trim()).divide(java.math.BigInteger.TEN)));

            MainTest.Run adminWithoutCertificate = MainTest.run(concat(new String[] {"admin", "members", "--admin",
                    admin, "--timeout-ms", "3000"}, tls));
            assertThat(adminWithoutCertificate.code()).isEqualTo(1);
            MainTest.Run adminWithCertificate = MainTest.run(concat(new String[] {"admin", "members", "--admin",
                    admin, "--tls-cert", operator.certificate().toString(), "--tls-key",
                    operator.privateKey().toString()}, tls));
            assertThat(adminWithCertificate.code()).as(adminWithCertificate.err()).isZero();
            assertThat(adminWithCertificate.out()).contains("solo").contains("leader");
        } finally {
            node.close();
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
