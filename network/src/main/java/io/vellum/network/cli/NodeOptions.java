package io.vellum.network.cli;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.vellum.consensus.node.Endpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** How a command reaches a node's gRPC API: {@code --node host:port}, a deadline, and TLS. */
final class NodeOptions {
    /** The API address of node n0 of a default {@code vellum cluster up}. */
    static final String DEFAULT_NODE = "127.0.0.1:" + (ClusterCommand.DEFAULT_BASE_PORT + 1);

    @Option(names = {"-n", "--node"}, paramLabel = "HOST:PORT", defaultValue = DEFAULT_NODE,
            description = "the node's gRPC address (default: ${DEFAULT-VALUE}, node n0 of 'vellum cluster up')")
    String node;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "deadline of each call (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = "--tls-ca", paramLabel = "PEM",
            description = "speak TLS and trust the server certificates this CA bundle signed")
    Optional<Path> tlsCa;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "client certificate chain, for mutual TLS")
    Optional<Path> tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "client private key (PKCS#8), for mutual TLS")
    Optional<Path> tlsKey;

    /** The endpoint, checked (loopback only). */
    Endpoint endpoint() {
        return parseEndpoint(node, "--node");
    }

    static Endpoint parseEndpoint(String text, String option) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw CliException.usage(option + " must be host:port, not '" + text + "'");
        }
        try {
            return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw CliException.usage(option + ": the port of '" + text + "' is not a number");
        } catch (IllegalArgumentException e) {
            throw CliException.usage(option + ": " + e.getMessage());
        }
    }

    /** A channel to the node; the caller shuts it down. */
    ManagedChannel channel() {
        Endpoint endpoint = endpoint();
        return openChannel(endpoint, credentials());
    }

    static ManagedChannel openChannel(Endpoint endpoint, ChannelCredentials credentials) {
        return Grpc.newChannelBuilderForAddress(endpoint.host(), endpoint.port(), credentials)
                .maxInboundMessageSize(64 << 20).build();
    }

    ChannelCredentials credentials() {
        return credentials(tlsCa, tlsCert, tlsKey);
    }

    /** Plain text without a CA; TLS trusting {@code tlsCa}; mutual TLS with a client certificate and key too. */
    static ChannelCredentials credentials(Optional<Path> tlsCa, Optional<Path> tlsCert, Optional<Path> tlsKey) {
        if (tlsCa.isEmpty()) {
            if (tlsCert.isPresent() || tlsKey.isPresent()) {
                throw CliException.usage("--tls-cert and --tls-key need --tls-ca");
            }
            return InsecureChannelCredentials.create();
        }
        try {
            TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder().trustManager(tlsCa.get().toFile());
            if (tlsCert.isPresent() != tlsKey.isPresent()) {
                throw CliException.usage("--tls-cert and --tls-key go together");
            }
            if (tlsCert.isPresent()) {
                builder.keyManager(tlsCert.get().toFile(), tlsKey.get().toFile());
            }
            return builder.build();
        } catch (IOException e) {
            throw CliException.usage("cannot read a TLS file: " + e.getMessage());
        }
    }

    /** Shuts a channel down, waiting a little. */
    static void close(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
