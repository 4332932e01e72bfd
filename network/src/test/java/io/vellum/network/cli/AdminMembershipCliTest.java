package io.vellum.network.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.consensus.entry.Member;
import io.vellum.network.node.ApiCluster;
import io.vellum.network.node.VellumNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vellum admin add-member} and {@code remove-member} against a real node: a second node started as a joiner
 * is added through the command line, listed as a voter, then removed again.
 */
class AdminMembershipCliTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aNodeIsAddedAndRemovedThroughTheCommandLine() throws Exception {
        try (ApiCluster cluster = ApiCluster.start(ApiCluster.Options.of(1, 2), dir, 0xadd1L)) {
            cluster.awaitLeader(Duration.ofSeconds(30));
            String admin = "127.0.0.1:" + cluster.node(0).adminPort().orElseThrow();
            VellumNode joiner = cluster.startJoiner(1);
            Member member = ApiCluster.memberOf(1);

            MainTest.Run added = MainTest.run("admin", "add-member", "n1", "--admin", admin,
                    "--raft", joiner.config().raftAddress().address(), "--public-key", member.publicKey().toHex(),
                    "--sequencer-address", member.sequencerAddress().value().toHex(), "--timeout-ms", "90000");
            assertThat(added.code()).as(added.err()).isZero();
            assertThat(added.out()).contains("n1 added");
            MainTest.Run members = MainTest.run("admin", "members", "--admin", admin);
            assertThat(members.out()).as(members.err()).containsPattern("(?m)^n1 .* voter");

            MainTest.Run again = MainTest.run("admin", "add-member", "n1", "--admin", admin,
                    "--raft", joiner.config().raftAddress().address(), "--public-key", member.publicKey().toHex(),
                    "--sequencer-address", member.sequencerAddress().value().toHex());
            assertThat(again.code()).as("adding a member twice").isEqualTo(1);
            assertThat(again.err()).contains("FAILED_PRECONDITION");

            MainTest.Run removed = MainTest.run("admin", "remove-member", "n1", "--admin", admin,
                    "--timeout-ms", "90000");
            assertThat(removed.code()).as(removed.err()).isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (MainTest.run("admin", "members", "--admin", admin).out().contains("n1 ")) {
                assertThat(System.nanoTime()).as("n1 leaves the member list").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }
}
