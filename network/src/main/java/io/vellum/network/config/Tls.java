package io.vellum.network.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for the node's gRPC server (client API and admin). Off by default: a local cluster on loopback runs in
 * plain text.
 *
 * @param enabled whether the gRPC server speaks TLS
 * @param certificateChain the server's PEM certificate chain (required when enabled)
 * @param privateKey the server's PEM private key, PKCS#8 (required when enabled)
 * @param clientCa a PEM bundle of CAs whose client certificates are accepted; present means mutual TLS (clients
 *     without such a certificate are refused)
 */
public record Tls(boolean enabled, Optional<Path> certificateChain, Optional<Path> privateKey,
        Optional<Path> clientCa) {
    public static final Tls OFF = new Tls(false, Optional.empty(), Optional.empty(), Optional.empty());

    public Tls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientCa, "clientCa");
        if (enabled && (certificateChain.isEmpty() || privateKey.isEmpty())) {
            throw new IllegalArgumentException("TLS needs a certificate chain and a private key");
        }
    }
}
