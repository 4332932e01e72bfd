package io.vellum.network.config;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.Peer;
import io.vellum.proposer.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a node file's {@code peers} list: a member of the Raft group.
 *
 * @param id its node id
 * @param raft its Raft address
 * @param publicKey the Stark key its votes are signed with
 * @param sequencerAddress where the fees of its blocks go
 * @param grpc its client API address, if known (shown to operators, used by {@code vellum client})
 * @param genesisVoter whether it votes from genesis on (false for a node that joins later)
 */
public record PeerEntry(NodeId id, Endpoint raft, Felt publicKey, ContractAddress sequencerAddress,
        Optional<Endpoint> grpc, boolean genesisVoter) {
    public PeerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(raft, "raft");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(sequencerAddress, "sequencerAddress");
        Objects.requireNonNull(grpc, "grpc");
    }

    public Peer peer() {
        return new Peer(id, raft);
    }

    public Member member() {
        return new Member(id, publicKey, sequencerAddress);
    }
}
