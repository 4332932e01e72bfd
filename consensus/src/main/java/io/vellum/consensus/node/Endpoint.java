package io.vellum.consensus.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A Raft address on this machine. Vellum's servers bind to loopback only (a test cluster never sends traffic
 * elsewhere), so the host must be a loopback address such as {@code 127.0.0.1}.
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535]: " + port);
        }
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("Raft address " + host + " is not a loopback address: Vellum "
                        + "nodes bind to 127.0.0.1 only");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }

    public static Endpoint loopback(int port) {
        return new Endpoint("127.0.0.1", port);
    }

    /** host:port, as Ratis takes it. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return address();
    }
}
