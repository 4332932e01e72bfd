package io.vellum.consensus.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Free ports on 127.0.0.1 below the ephemeral range (ports in it collide with the servers' own outgoing
 * connections: RATIS.md). A port found free can still be taken before the server binds it: callers retry on
 * {@link java.net.BindException}. For local clusters: tests, simulations, benchmarks.
 */
public final class LoopbackPorts {
    private static final int LOWEST = 20_000;

    private final SplittableRandom random;
    private final int highestExclusive;
    private final Set<Integer> handedOut = new HashSet<>();

    /** Ports drawn in an order fixed by {@code seed}; each is handed out once. */
    public LoopbackPorts(long seed) {
        this.random = new SplittableRandom(seed);
        this.highestExclusive = ephemeralLow();
    }

    /** A port free on 127.0.0.1 now, not handed out before by this instance. */
    public synchronized int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = LOWEST + random.nextInt(highestExclusive - LOWEST);
            if (handedOut.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                handedOut.add(port);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free loopback port in [" + LOWEST + ", " + highestExclusive + ")");
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return Math.max(LOWEST + 1_000, low);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
