package io.vellum.consensus.node;

import io.vellum.proposer.NodeId;
import java.util.Objects;

/** A member of the Raft group: its node id (also its Raft peer id) and Raft address. */
public record Peer(NodeId id, Endpoint address) {
    public Peer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }
}
