package io.vellum.network.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.network.api.AddMemberRequest;
import io.vellum.network.api.AdminGrpc;
import io.vellum.network.api.ListMembersRequest;
import io.vellum.network.api.Member;
import io.vellum.network.api.RemoveMemberRequest;
import io.vellum.network.api.TakeSnapshotRequest;
import io.vellum.network.api.TransferLeadershipRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vellum admin}: the Admin service of a node (off unless the node's file sets {@code listen.admin}). */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Cluster operations through a node's admin server (listen.admin in its file).",
        subcommands = {AdminCommand.Members.class, AdminCommand.TransferLeadership.class,
                AdminCommand.AddMember.class, AdminCommand.RemoveMember.class, AdminCommand.Snapshot.class})
final class AdminCommand implements Runnable {
    /** The admin address of node n0 of a default {@code vellum cluster up}. */
    static final String DEFAULT_ADMIN = "127.0.0.1:" + (ClusterCommand.DEFAULT_BASE_PORT + 2);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (members, transfer-leadership, "
                + "add-member, remove-member, snapshot)");
    }

    /** The shared body: a channel to the admin server, gRPC errors reported clearly. */
    abstract static class Call implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-a", "--admin"}, paramLabel = "HOST:PORT", defaultValue = DEFAULT_ADMIN,
                description = "the node's admin address (default: ${DEFAULT-VALUE}, node n0 of 'vellum cluster up')")
        String admin;

        @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "30000",
                description = "deadline of the call (default: ${DEFAULT-VALUE})")
        long timeoutMs;

        @Option(names = "--tls-ca", paramLabel = "PEM", description = "speak TLS, trusting this CA bundle")
        Optional<Path> tlsCa;

        @Option(names = "--tls-cert", paramLabel = "PEM", description = "client certificate chain (mutual TLS)")
        Optional<Path> tlsCert;

        @Option(names = "--tls-key", paramLabel = "PEM", description = "client private key, PKCS#8 (mutual TLS)")
        Optional<Path> tlsKey;

        @Override
        public final Integer call() {
            ManagedChannel channel = NodeOptions.openChannel(NodeOptions.parseEndpoint(admin, "--admin"),
                    NodeOptions.credentials(tlsCa, tlsCert, tlsKey));
            try {
                int code = run(AdminGrpc.newBlockingStub(channel).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS),
                        spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return code;
            } catch (StatusRuntimeException e) {
                throw CliException.failure(admin + ": " + e.getStatus().getCode() + ": "
                        + e.getStatus().getDescription());
            } finally {
                NodeOptions.close(channel);
            }
        }

        abstract int run(AdminGrpc.AdminBlockingStub stub, PrintWriter out);
    }

    @Command(name = "members", mixinStandardHelpOptions = true, description = "The Raft group's members.")
    static final class Members extends Call {
        @Override
        int run(AdminGrpc.AdminBlockingStub stub, PrintWriter out) {
            for (Member member : stub.listMembers(ListMembersRequest.getDefaultInstance()).getMembersList()) {
                out.printf("%-8s raft %-21s api %-21s %s%s  public key %s%n", member.getId(), member.getRaftAddress(),
                        member.getApiAddress().isEmpty() ? "-" : member.getApiAddress(),
                        member.getVoter() ? "voter" : "learner", member.getLeader() ? ", leader" : "",
                        member.getPublicKey());
            }
            return 0;
        }
    }

    @Command(name = "transfer-leadership", mixinStandardHelpOptions = true,
            description = "Make another node the leader (and so the proposer); without a target, step down.")
    static final class TransferLeadership extends Call {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "the new leader's id")
        Optional<String> target;

        @Override
        int run(AdminGrpc.AdminBlockingStub stub, PrintWriter out) {
            stub.transferLeadership(TransferLeadershipRequest.newBuilder().setTarget(target.orElse(""))
                    .setTimeoutMs(timeoutMs).build());
            out.println("leadership transferred" + target.map(t -> " to " + t).orElse(""));
            return 0;
        }
    }

    @Command(name = "add-member", mixinStandardHelpOptions = true,
            description = "Add a voter: the new node (started with 'joining: true' in its file) enters the Raft group, "
                    + "catches up, then its votes count for finality. Returns once it votes.")
    static final class AddMember extends Call {
        @Parameters(paramLabel = "ID", description = "the new member's id (the 'id' of its node file)")
        String id;

        @Option(names = "--raft", required = true, paramLabel = "HOST:PORT",
                description = "its Raft address (listen.raft in its node file)")
        String raft;

        @Option(names = "--public-key", required = true, paramLabel = "FELT",
                description = "the Stark public key its votes are signed with ('vellum keys new' prints it)")
        String publicKey;

        @Option(names = "--sequencer-address", required = true, paramLabel = "FELT",
                description = "the address its blocks' fees go to")
        String sequencerAddress;

        @Override
        int run(AdminGrpc.AdminBlockingStub stub, PrintWriter out) {
            if (id.isBlank()) {
                throw CliException.usage("the member's id must not be empty");
            }
            NodeOptions.parseEndpoint(raft, "--raft");
            Felt key = ClientCommand.felt(publicKey, "--public-key");
            Felt fees = ClientCommand.felt(sequencerAddress, "--sequencer-address");
            stub.addMember(AddMemberRequest.newBuilder().setMember(Member.newBuilder().setId(id).setRaftAddress(raft)
                    .setPublicKey(key.toHex()).setSequencerAddress(fees.toHex())).setTimeoutMs(timeoutMs).build());
            out.println(id + " added: it votes from now on");
            return 0;
        }
    }

    @Command(name = "remove-member", mixinStandardHelpOptions = true,
            description = "Remove a voter: it stops counting for finality, then leaves the Raft group (stop its "
                    + "process afterwards).")
    static final class RemoveMember extends Call {
        @Parameters(paramLabel = "ID", description = "the member's id")
        String id;

        @Override
        int run(AdminGrpc.AdminBlockingStub stub, PrintWriter out) {
            stub.removeMember(RemoveMemberRequest.newBuilder().setId(id).setTimeoutMs(timeoutMs).build());
            out.println(id + " removed");
            return 0;
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Take a Raft snapshot on this node now (the log before it can then be purged).")
    static final class Snapshot extends Call {
        @Override
        int run(AdminGrpc.AdminBlockingStub stub, PrintWriter out) {
            out.println("snapshot at log index " + stub.takeSnapshot(TakeSnapshotRequest.getDefaultInstance())
                    .getLogIndex());
            return 0;
        }
    }
}
