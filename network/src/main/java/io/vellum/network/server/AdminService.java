package io.vellum.network.server;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.node.ConsensusNode;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.NodeStateException;
import io.vellum.consensus.node.Peer;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.network.api.AddMemberRequest;
import io.vellum.network.api.AddMemberResponse;
import io.vellum.network.api.AdminGrpc;
import io.vellum.network.api.ListMembersRequest;
import io.vellum.network.api.ListMembersResponse;
import io.vellum.network.api.RemoveMemberRequest;
import io.vellum.network.api.RemoveMemberResponse;
import io.vellum.network.api.TakeSnapshotRequest;
import io.vellum.network.api.TakeSnapshotResponse;
import io.vellum.network.api.TransferLeadershipRequest;
import io.vellum.network.api.TransferLeadershipResponse;
import io.vellum.proposer.NodeId;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Admin service: the cluster's membership, leadership and snapshots, through this node's
 * {@link ConsensusNode}. Served only on the admin address (loopback unless configured otherwise).
 *
 * <p>Operations that change the cluster wait for it (up to the request's timeout, or {@link #TIMEOUT_DEFAULT}): an
 * operation that did not complete in time is {@code DEADLINE_EXCEEDED} — it may still complete; list the members
 * and retry.
 */
public final class AdminService extends AdminGrpc.AdminImplBase {
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(30);
    public static final Duration TIMEOUT_MAX = Duration.ofMinutes(10);
    /** Node ids as the configuration allows them. */
    static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Hosts a member's Raft address may name: loopback literals (Vellum binds to loopback only). */
    static final Pattern LOOPBACK_HOST = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|localhost");

    private final SequencerNode node;

    public AdminService(SequencerNode node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public void listMembers(ListMembersRequest request, StreamObserver<ListMembersResponse> observer) {
        Statuses.unary(observer, () -> {
            ConsensusNode consensus = node.consensus();
            ReplicatedState state = consensus.replicatedState().orElseThrow(() -> Status.UNAVAILABLE
                    .withDescription("the node's state is being replaced (snapshot install); retry").asRuntimeException());
            Optional<NodeId> leader = consensus.leader();
            Map<NodeId, io.vellum.network.api.Member.Builder> members = new LinkedHashMap<>();
            for (Peer peer : consensus.raftPeers()) {
                members.put(peer.id(), io.vellum.network.api.Member.newBuilder().setId(peer.id().value())
                        .setRaftAddress(peer.address().address()));
            }
            for (Member voter : state.voters()) {
                members.computeIfAbsent(voter.id(), id -> io.vellum.network.api.Member.newBuilder()
                        .setId(id.value())).setVoter(true).setPublicKey(ApiCodec.hex(voter.publicKey()))
                        .setSequencerAddress(ApiCodec.hex(voter.sequencerAddress().value()));
            }
            ListMembersResponse.Builder response = ListMembersResponse.newBuilder();
            members.forEach((id, member) -> response.addMembers(
                    member.setLeader(leader.map(id::equals).orElse(false))));
            return response.build();
        });
    }

    @Override
    public void addMember(AddMemberRequest request, StreamObserver<AddMemberResponse> observer) {
        Statuses.unary(observer, () -> {
            if (!request.hasMember()) {
                throw new InvalidRequestException("member", "missing");
            }
            io.vellum.network.api.Member message = request.getMember();
            NodeId id = nodeId(message.getId(), "member.id");
            Endpoint address = endpoint(message.getRaftAddress(), "member.raft_address");
            Felt publicKey = ApiCodec.felt(message.getPublicKey(), "member.public_key");
            if (publicKey.isZero()) {
                throw new InvalidRequestException("member.public_key", "must not be zero");
            }
            var sequencerAddress = ApiCodec.address(message.getSequencerAddress(), "member.sequencer_address");
            Duration timeout = timeout(request.getTimeoutMs());
            try {
                node.consensus().addMember(new Peer(id, address), new Member(id, publicKey, sequencerAddress),
                        timeout);
            } catch (NodeStateException e) {
                throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            } catch (IOException e) {
                throw Status.DEADLINE_EXCEEDED.withDescription("adding " + id + " did not complete: "
                        + e.getMessage() + " (it may still; list the members)").asRuntimeException();
            }
            return AddMemberResponse.getDefaultInstance();
        });
    }

    @Override
    public void removeMember(RemoveMemberRequest request, StreamObserver<RemoveMemberResponse> observer) {
        Statuses.unary(observer, () -> {
            NodeId id = nodeId(request.getId(), "id");
            Duration timeout = timeout(request.getTimeoutMs());
            ConsensusNode consensus = node.consensus();
            boolean known = consensus.raftPeers().stream().anyMatch(p -> p.id().equals(id))
                    || consensus.replicatedState().map(s -> s.voter(id).isPresent()).orElse(false);
            if (!known) {
                throw Status.NOT_FOUND.withDescription(id + " is not a member").asRuntimeException();
            }
            try {
                consensus.removeMember(id, timeout);
            } catch (NodeStateException e) {
                throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            } catch (IOException e) {
                throw Status.DEADLINE_EXCEEDED.withDescription("removing " + id + " did not complete: "
                        + e.getMessage() + " (it may still; list the members)").asRuntimeException();
            }
            return RemoveMemberResponse.getDefaultInstance();
        });
    }

    @Override
    public void transferLeadership(TransferLeadershipRequest request,
            StreamObserver<TransferLeadershipResponse> observer) {
        Statuses.unary(observer, () -> {
            ConsensusNode consensus = node.consensus();
            Duration timeout = timeout(request.getTimeoutMs());
            List<Peer> peers = consensus.raftPeers();
            NodeId target;
            if (request.getTarget().isEmpty()) {
                // Step down: hand over to another member (the first by id that does not lead now).
                Optional<NodeId> leader = consensus.leader();
                target = peers.stream().map(Peer::id).filter(id -> leader.map(l -> !l.equals(id)).orElse(true))
                        .sorted().findFirst().orElseThrow(() -> Status.FAILED_PRECONDITION
                                .withDescription("no other member to hand leadership to").asRuntimeException());
            } else {
                target = nodeId(request.getTarget(), "target");
                if (peers.stream().noneMatch(p -> p.id().equals(target))) {
                    throw Status.NOT_FOUND.withDescription(target + " is not a member").asRuntimeException();
                }
            }
            try {
                consensus.transferLeadership(target, timeout);
            } catch (IOException e) {
                throw Status.DEADLINE_EXCEEDED.withDescription("leadership transfer to " + target
                        + " did not complete: " + e.getMessage()).asRuntimeException();
            }
            return TransferLeadershipResponse.getDefaultInstance();
        });
    }

    @Override
    public void takeSnapshot(TakeSnapshotRequest request, StreamObserver<TakeSnapshotResponse> observer) {
        Statuses.unary(observer, () -> {
            try {
                long index = node.consensus().takeSnapshot(TIMEOUT_DEFAULT);
                return TakeSnapshotResponse.newBuilder().setLogIndex(index).build();
            } catch (IOException e) {
                throw Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
            }
        });
    }

    static NodeId nodeId(String text, String field) {
        if (text.isEmpty()) {
            throw new InvalidRequestException(field, "missing");
        }
        if (!NODE_ID.matcher(text).matches()) {
            throw new InvalidRequestException(field, "a node id is 1 to 64 of [A-Za-z0-9._-]");
        }
        try {
            return NodeId.of(text);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    static Endpoint endpoint(String text, String field) {
        int colon = text.lastIndexOf(':');
        if (text.isEmpty() || colon <= 0 || colon == text.length() - 1 || text.length() > 300) {
            throw new InvalidRequestException(field, "must be host:port");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "the port is not a number");
        }
        String host = text.substring(0, colon);
        if (!LOOPBACK_HOST.matcher(host).matches()) {
            // Checked before Endpoint resolves it: a request never triggers a name lookup.
            throw new InvalidRequestException(field, "the host must be a loopback address (127.x.y.z or localhost)");
        }
        try {
            return new Endpoint(host, port);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    private static Duration timeout(long timeoutMs) {
        if (timeoutMs == 0) {
            return TIMEOUT_DEFAULT;
        }
        if (timeoutMs > TIMEOUT_MAX.toMillis()) {
            throw new InvalidRequestException("timeout_ms", timeoutMs + " is above " + TIMEOUT_MAX.toMillis());
        }
        return Duration.ofMillis(timeoutMs);
    }
}
