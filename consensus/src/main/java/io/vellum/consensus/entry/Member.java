package io.vellum.consensus.entry;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.proposer.NodeId;
import java.util.Objects;

/** A voting member: its id, the Stark key its votes and proposals are signed with, and where its fees go. */
public record Member(NodeId id, Felt publicKey, ContractAddress sequencerAddress) {
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(sequencerAddress, "sequencerAddress");
    }
}
