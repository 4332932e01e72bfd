package io.vellum.network.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.network.api.AdminGrpc;
import io.vellum.network.api.ListMembersRequest;
import io.vellum.network.client.VellumClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node with TLS on its public server and mutual TLS on its admin server, certificates made in the test by a
 * throw-away authority: clients that trust it get through; plaintext clients, clients without a certificate (admin)
 * and clients of another authority do not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class TlsTest {
    @TempDir
    static Path dir;
    private TestCertificates authority;
    private TestCertificates stranger;
    private ApiCluster cluster;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        authority = TestCertificates.authority(dir.resolve("pki"), 11);
        stranger = TestCertificates.authority(dir.resolve("other-pki"), 12);
        TestCertificates.Issued server = authority.server("node");
        Path ca = authority.authority().certificate();
        cluster = ApiCluster.start(ApiCluster.Options.of(1, 2).withApi(api -> api.withTls(
                Optional.of(TlsSettings.server(server.certificate(), server.privateKey())),
                Optional.of(TlsSettings.mutual(server.certificate(), server.privateKey(), ca)))), dir.resolve("nodes"),
                0x715L);
    }

    @AfterAll
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (cluster != null) {
            cluster.close();
        }
    }

    private AdminGrpc.AdminBlockingStub admin(ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1",
                cluster.node(0).adminPort().orElseThrow(), credentials).build();
        channels.add(channel);
        return AdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void thePublicServerSpeaksTlsToClientsThatTrustItsAuthority() throws Exception {
        ChannelCredentials trusting = VellumClient.tlsCredentials(authority.authority().certificate(),
                Optional.empty(), Optional.empty());
        try (VellumClient client = VellumClient.connect("127.0.0.1", cluster.node(0).publicPort(), trusting)) {
            assertThat(client.nodeStatus().getChainId()).isEqualTo(TestChain.CHAIN_ID.value().toHex());
        }
        try (VellumClient plaintext = VellumClient.connect("127.0.0.1", cluster.node(0).publicPort())) {
            assertUnavailable(plaintext::nodeStatus);
        }
        ChannelCredentials wrongAuthority = VellumClient.tlsCredentials(stranger.authority().certificate(),
                Optional.empty(), Optional.empty());
        try (VellumClient client = VellumClient.connect("127.0.0.1", cluster.node(0).publicPort(), wrongAuthority)) {
            assertUnavailable(client::nodeStatus);
        }
    }

    @Test
    void theAdminServerRequiresAClientCertificateFromItsAuthority() throws Exception {
        TestCertificates.Issued operator = authority.client("operator");
        ChannelCredentials mutual = VellumClient.tlsCredentials(authority.authority().certificate(),
                Optional.of(operator.certificate()), Optional.of(operator.privateKey()));
        assertThat(admin(mutual).listMembers(ListMembersRequest.getDefaultInstance()).getMembersCount()).isEqualTo(1);

        ChannelCredentials noCertificate = VellumClient.tlsCredentials(authority.authority().certificate(),
                Optional.empty(), Optional.empty());
        assertUnavailable(() -> admin(noCertificate).listMembers(ListMembersRequest.getDefaultInstance()));

        TestCertificates.Issued impostor = stranger.client("impostor");
        ChannelCredentials foreign = VellumClient.tlsCredentials(authority.authority().certificate(),
                Optional.of(impostor.certificate()), Optional.of(impostor.privateKey()));
        assertUnavailable(() -> admin(foreign).listMembers(ListMembersRequest.getDefaultInstance()));

        assertUnavailable(() -> admin(InsecureChannelCredentials.create())
                .listMembers(ListMembersRequest.getDefaultInstance()));
        assertThat(cluster.node(0).isRunning()).isTrue();
    }

    private static void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).as(String.valueOf(e.getStatus()))
                        .isEqualTo(Status.Code.UNAVAILABLE));
    }
}
