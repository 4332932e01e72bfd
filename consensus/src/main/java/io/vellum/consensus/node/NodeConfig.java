package io.vellum.consensus.node;

import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.consensus.core.CoreConfig;
import io.vellum.consensus.entry.Member;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one node needs to start. Checked when built: a bad configuration fails here, with the field and the
 * reason, rather than later inside Ratis.
 *
 * @param id the node's id (its Raft peer id too)
 * @param privateKey the Stark key it signs proposals and votes with
 * @param sequencerAddress where the fees of its blocks go
 * @param dataDir its directory: {@code store/} (the chain) and {@code raft/} (Raft log and snapshots)
 * @param raftAddress where its Raft server listens (loopback only)
 * @param peers the Raft group it knows, itself included; a joining node lists the members it will join (its
 *     client sends there) and starts its server with an empty group
 * @param joining true for a node added at runtime ({@link ConsensusNode#addMember} on a member makes it one)
 * @param clusterName names the Raft group; every node of a cluster must use the same one
 * @param genesis the chain's genesis state
 * @param genesisVoters the voters at genesis (the same on every node, joiners included)
 * @param core the protocol settings every node shares
 * @param execution how transactions execute (signature checks, limits)
 * @param starknetVersion the version stamped in proposal commitments
 * @param ratis how Ratis runs
 * @param batching how clients' transactions become log entries
 * @param proposerFault a test hook that makes this node's proposals lie; {@link ProposerFault#NONE} normally
 */
public record NodeConfig(
        NodeId id,
        Felt privateKey,
        ContractAddress sequencerAddress,
        Path dataDir,
        Endpoint raftAddress,
        List<Peer> peers,
        boolean joining,
        String clusterName,
        Genesis genesis,
        List<Member> genesisVoters,
        CoreConfig core,
        ExecutionConfig execution,
        StarknetVersion starknetVersion,
        RatisSettings ratis,
        BatchingSettings batching,
        ProposerFault proposerFault) {

    public NodeConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.equals(Felt.ZERO)) {
            throw new IllegalArgumentException(id + ": private key must not be zero");
        }
        Objects.requireNonNull(sequencerAddress, "sequencerAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(raftAddress, "raftAddress");
        peers = List.copyOf(peers);
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException(id + ": cluster name must not be blank");
        }
        Objects.requireNonNull(genesis, "genesis");
        genesisVoters = List.copyOf(genesisVoters);
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(starknetVersion, "starknetVersion");
        Objects.requireNonNull(ratis, "ratis");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(proposerFault, "proposerFault");

        Set<NodeId> ids = new HashSet<>();
        Set<Endpoint> addresses = new HashSet<>();
        boolean listsItself = false;
        for (Peer peer : peers) {
            if (!ids.add(peer.id())) {
                throw new IllegalArgumentException(id + ": peer " + peer.id() + " is listed twice");
            }
            if (!addresses.add(peer.address())) {
                throw new IllegalArgumentException(id + ": two peers share the address " + peer.address());
            }
            if (peer.id().equals(id)) {
                if (!peer.address().equals(raftAddress)) {
                    throw new IllegalArgumentException(id + ": listed among the peers at " + peer.address()
                            + " but its Raft address is " + raftAddress);
                }
                listsItself = true;
            }
        }
        if (!joining && !listsItself) {
            throw new IllegalArgumentException(id + ": the peers must include this node (or set joining)");
        }
        if (joining && peers.stream().noneMatch(p -> !p.id().equals(id))) {
            throw new IllegalArgumentException(id + ": a joining node must know at least one member to join");
        }
        if (genesisVoters.isEmpty()) {
            throw new IllegalArgumentException(id + ": there must be at least one genesis voter");
        }
        Set<NodeId> voterIds = new HashSet<>();
        for (Member voter : genesisVoters) {
            if (!voterIds.add(voter.id())) {
                throw new IllegalArgumentException(id + ": genesis voter " + voter.id() + " is listed twice");
            }
            if (voter.id().equals(id) && !voter.publicKey().equals(Ecdsa.publicKey(privateKey))) {
                throw new IllegalArgumentException(id + ": its genesis voter key does not match its private key");
            }
        }
        if (!genesis.chainId().equals(core.chainId())) {
            throw new IllegalArgumentException(id + ": genesis chain " + genesis.chainId() + " differs from the "
                    + "configured chain " + core.chainId());
        }
    }

    /** This node as a voter: its id, public key and fee address. */
    public Member member() {
        return new Member(id, Ecdsa.publicKey(privateKey), sequencerAddress);
    }

    /** This node as a Raft peer. */
    public Peer peer() {
        return new Peer(id, raftAddress);
    }

    public NodeConfig withProposerFault(ProposerFault fault) {
        return new NodeConfig(id, privateKey, sequencerAddress, dataDir, raftAddress, peers, joining, clusterName,
                genesis, genesisVoters, core, execution, starknetVersion, ratis, batching, fault);
    }

    public NodeConfig withRatis(RatisSettings settings) {
        return new NodeConfig(id, privateKey, sequencerAddress, dataDir, raftAddress, peers, joining, clusterName,
                genesis, genesisVoters, core, execution, starknetVersion, settings, batching, proposerFault);
    }

    public NodeConfig withBatching(BatchingSettings settings) {
        return new NodeConfig(id, privateKey, sequencerAddress, dataDir, raftAddress, peers, joining, clusterName,
                genesis, genesisVoters, core, execution, starknetVersion, ratis, settings, proposerFault);
    }

    public NodeConfig withCore(CoreConfig settings) {
        return new NodeConfig(id, privateKey, sequencerAddress, dataDir, raftAddress, peers, joining, clusterName,
                genesis, genesisVoters, settings, execution, starknetVersion, ratis, batching, proposerFault);
    }
}
