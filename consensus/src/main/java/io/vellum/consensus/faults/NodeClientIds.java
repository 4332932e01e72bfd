package io.vellum.consensus.faults;

import io.vellum.proposer.NodeId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.apache.ratis.protocol.ClientId;

/**
 * Ratis client ids that name the node they belong to, so that a server can tell which node sent a client request
 * (an entry a node submits travels to the leader as a client request, under the client's id).
 *
 * <p>The 16 bytes of a client id are the first 8 bytes of SHA-256({@code "vellum-client:" + node id}) followed by 8
 * random bytes. The random half is not decoration: Ratis' retry cache keys replies by (client id, call id), and call
 * ids start from 0 again in a new process, so a node restarted within the cache's expiry under the same id would be
 * answered with its previous life's replies. The node half is what {@link LinkFaults} matches.
 */
public final class NodeClientIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeClientIds() {
    }

    /** A fresh client id for one start of {@code node}. */
    public static ClientId newClientId(NodeId node) {
        return ClientId.valueOf(new UUID(nodePrefix(node), RANDOM.nextLong()));
    }

    /** The first 8 bytes (big-endian) every client id of {@code node} starts with. */
    public static long nodePrefix(NodeId node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("vellum-client:" + node.value()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm of every JVM", e);
        }
    }
}
