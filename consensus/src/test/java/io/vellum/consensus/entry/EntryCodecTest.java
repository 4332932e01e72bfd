package io.vellum.consensus.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.blockifier.execution.RejectionCode;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.V3Fields;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.OfferedTransaction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
    private static final ChainId CHAIN = ChainId.of("VELLUM_TEST");
    private final EntryCodec codec = new EntryCodec(CHAIN);

    private static ExecutableTransaction transaction(long nonce) {
        return ExecutableTransaction.of(new InvokeTransaction(ContractAddress.of(0x1234), List.of(Felt.of(1), Felt.of(2)),
                List.of(Felt.of(3), Felt.of(4)), Nonce.of(nonce),
                V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(100_000, 10)), 7), List.of()), CHAIN);
    }

    private static final Signature SIGNATURE = Ecdsa.sign(Felt.of(42), Felt.of(99));

    static List<LogEntry> examples() {
        return List.of(
                new TransactionBatch(NodeId.of("n1"), List.of(transaction(0), transaction(1))),
                new Proposal(3, Felt.of(77), NodeId.of("n2"), 5, 1234, 1_700_000_000L,
                        List.of(new OfferedTransaction.Included(Felt.of(10), Felt.of(11)),
                                new OfferedTransaction.Rejected(Felt.of(12), RejectionCode.INVALID_NONCE)),
                        BlockCloseReason.INTERVAL_ELAPSED, Felt.fromHex("0xabc"), SIGNATURE),
                new Vote(3, Felt.fromHex("0xabc"), NodeId.of("n3"), true, -1, "", SIGNATURE),
                new Vote(3, Felt.fromHex("0xabc"), NodeId.of("n3"), false, 1, "receipt differs", SIGNATURE),
                new ProposalTimeout(3, Felt.fromHex("0xabc"), NodeId.of("n1")),
                new MembershipChange(List.of(new Member(NodeId.of("n1"), Felt.of(5), ContractAddress.of(6)))));
    }

    @Test
    void everyKindRoundTrips() throws EntryDecodingException {
        for (LogEntry entry : examples()) {
            byte[] bytes = codec.encode(entry);
            assertThat(codec.decode(bytes)).isEqualTo(entry);
            assertThat(codec.encode(codec.decode(bytes))).isEqualTo(bytes);
        }
    }

    @Test
    void enumCodesAreStableAndDistinct() throws EntryDecodingException {
        Set<Integer> codes = new HashSet<>();
        for (BlockCloseReason reason : BlockCloseReason.values()) {
            assertThat(codes.add(ProtoFields.closeReasonCode(reason))).isTrue();
            assertThat(ProtoFields.closeReason(ProtoFields.closeReasonCode(reason))).isEqualTo(reason);
        }
        codes.clear();
        for (RejectionCode code : RejectionCode.values()) {
            assertThat(codes.add(ProtoFields.rejectionCode(code))).isTrue();
            assertThat(ProtoFields.rejectionCode(ProtoFields.rejectionCode(code))).isEqualTo(code);
        }
        // Fixed by the log format: a stored log must keep its meaning whatever the enum order becomes.
        assertThat(ProtoFields.closeReasonCode(BlockCloseReason.INTERVAL_ELAPSED)).isEqualTo(5);
        assertThat(ProtoFields.rejectionCode(RejectionCode.INVALID_SIGNATURE)).isEqualTo(5);
    }

    @Test
    void badEntriesAreRefusedWithAReason() {
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, 0x01})).isInstanceOf(EntryDecodingException.class);
        assertThatThrownBy(() -> codec.decode(new byte[0])).hasMessageContaining("no kind");
        byte[] shortFelt = io.vellum.consensus.entry.proto.LogEntry.newBuilder()
                .setProposalTimeout(io.vellum.consensus.entry.proto.ProposalTimeout.newBuilder()
                        .setHeight(1).setProposalCommitment(ByteString.copyFrom(new byte[31])).setReporter("n1"))
                .build().toByteArray();
        assertThatThrownBy(() -> codec.decode(shortFelt)).hasMessageContaining("32 bytes");
        byte[] badNode = io.vellum.consensus.entry.proto.LogEntry.newBuilder()
                .setProposalTimeout(io.vellum.consensus.entry.proto.ProposalTimeout.newBuilder()
                        .setHeight(1).setProposalCommitment(ByteString.copyFrom(new byte[32])).setReporter("bad id"))
                .build().toByteArray();
        assertThatThrownBy(() -> codec.decode(badNode)).hasMessageContaining("node id");
        byte[] badTransaction = io.vellum.consensus.entry.proto.LogEntry.newBuilder()
                .setTransactionBatch(io.vellum.consensus.entry.proto.TransactionBatch.newBuilder()
                        .setOrigin("n1").addTransactions(ByteString.copyFrom(new byte[] {1, 2, 3})))
                .build().toByteArray();
        assertThatThrownBy(() -> codec.decode(badTransaction)).hasMessageContaining("transaction 0");
        byte[] approvalWithReason = io.vellum.consensus.entry.proto.LogEntry.newBuilder()
                .setVote(io.vellum.consensus.entry.proto.Vote.newBuilder().setHeight(1)
                        .setProposalCommitment(ByteString.copyFrom(new byte[32])).setVoter("n1").setApprove(true)
                        .setFirstDifference(-1).setReason("but").setSignatureR(ByteString.copyFrom(new byte[32]))
                        .setSignatureS(ByteString.copyFrom(new byte[32])))
                .build().toByteArray();
        assertThatThrownBy(() -> codec.decode(approvalWithReason)).hasMessageContaining("approval");
    }

    @Test
    void randomBytesNeverEscapeAsAnotherException() {
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> valid = examples().stream().map(codec::encode).toList();
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = valid.get(random.nextInt(valid.size())).clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                codec.decode(bytes);
            } catch (EntryDecodingException expected) {
                // refused with a reason: fine
            }
        }
    }
}
