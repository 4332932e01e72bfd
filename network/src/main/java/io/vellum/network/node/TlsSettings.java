package io.vellum.network.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for one gRPC server: its certificate chain and private key (PEM files; the key in PKCS#8), and optionally the
 * trust roots that client certificates must chain to. With trust roots the server requires a client certificate
 * (mutual TLS); without, any client may connect over TLS.
 *
 * <p>The files are checked to exist when the settings are built; their contents are read when the server starts (a
 * bad certificate or key fails {@link VellumNode#start()} with the reason).
 *
 * @param certificateChain the server's certificate chain, PEM
 * @param privateKey the server's private key, PEM (PKCS#8)
 * @param trustRoots the CA certificates (PEM) client certificates must chain to; empty: no client certificate asked
 */
public record TlsSettings(Path certificateChain, Path privateKey, Optional<Path> trustRoots) {
    public TlsSettings {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trustRoots, "trustRoots");
        requireReadable("certificateChain", certificateChain);
        requireReadable("privateKey", privateKey);
        trustRoots.ifPresent(path -> requireReadable("trustRoots", path));
    }

    /** Server TLS without client certificates. */
    public static TlsSettings server(Path certificateChain, Path privateKey) {
        return new TlsSettings(certificateChain, privateKey, Optional.empty());
    }

    /** Mutual TLS: clients must present a certificate that chains to {@code trustRoots}. */
    public static TlsSettings mutual(Path certificateChain, Path privateKey, Path trustRoots) {
        return new TlsSettings(certificateChain, privateKey, Optional.of(trustRoots));
    }

    /** Whether clients must present a certificate. */
    public boolean requiresClientCertificate() {
        return trustRoots.isPresent();
    }

    private static void requireReadable(String field, Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("TLS " + field + ": " + path + " is not a readable file");
        }
    }
}
