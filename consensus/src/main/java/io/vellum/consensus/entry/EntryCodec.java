package io.vellum.consensus.entry;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vellum.blockifier.codec.Codec;
import io.vellum.blockifier.codec.DecodingException;
import io.vellum.blockifier.codec.TransactionCodecs;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.proposer.builder.OfferedTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Log entries to and from their protobuf bytes ({@code src/main/proto/vellum_log.proto}).
 *
 * <p>Decoding is strict: a felt is exactly 32 bytes and below p, a node id is valid, a transaction is in the
 * canonical encoding, an enum code is known, a record's own checks pass; anything else is an
 * {@link EntryDecodingException}. Enum codes are fixed here, not taken from ordinals, so reordering an enum cannot
 * change the meaning of a stored log.
 */
public final class EntryCodec {
    /** Most transactions in one batch entry. */
    public static final int BATCH_TRANSACTIONS_MAX = 10_000;
    /** Most offered transactions in one proposal. */
    public static final int PROPOSAL_TRANSACTIONS_MAX = 100_000;

    private final Codec<ExecutableTransaction> transactionCodec;

    /** A codec for the entries of one chain (transaction hashes depend on the chain id). */
    public EntryCodec(ChainId chainId) {
        this.transactionCodec = TransactionCodecs.executable(chainId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Encoding.

    public byte[] encode(LogEntry entry) {
        io.vellum.consensus.entry.proto.LogEntry.Builder builder = io.vellum.consensus.entry.proto.LogEntry.newBuilder();
        if (entry instanceof TransactionBatch batch) {
            io.vellum.consensus.entry.proto.TransactionBatch.Builder proto =
                    io.vellum.consensus.entry.proto.TransactionBatch.newBuilder().setOrigin(batch.origin().value());
            for (ExecutableTransaction transaction : batch.transactions()) {
                proto.addTransactions(ByteString.copyFrom(transactionCodec.encode(transaction)));
            }
            builder.setTransactionBatch(proto);
        } else if (entry instanceof Proposal proposal) {
            io.vellum.consensus.entry.proto.Proposal.Builder proto = io.vellum.consensus.entry.proto.Proposal.newBuilder()
                    .setHeight(proposal.height())
                    .setParentCommitment(ProtoFields.felt(proposal.parentCommitment()))
                    .setProposer(proposal.proposer().value())
                    .setTerm(proposal.term())
                    .setWatermarkIndex(proposal.watermarkIndex())
                    .setTimestampSeconds(proposal.timestampSeconds())
                    .setCloseReason(ProtoFields.closeReasonCode(proposal.closeReason()))
                    .setProposalCommitment(ProtoFields.felt(proposal.proposalCommitment()))
                    .setSignatureR(ProtoFields.felt(proposal.signature().r()))
                    .setSignatureS(ProtoFields.felt(proposal.signature().s()));
            for (OfferedTransaction executed : proposal.executed()) {
                io.vellum.consensus.entry.proto.ExecutedTransaction.Builder item =
                        io.vellum.consensus.entry.proto.ExecutedTransaction.newBuilder().setHash(ProtoFields.felt(executed.hash()));
                if (executed instanceof OfferedTransaction.Included included) {
                    item.setReceiptHash(ProtoFields.felt(included.receiptHash()));
                } else {
                    item.setRejectionCode(ProtoFields.rejectionCode(((OfferedTransaction.Rejected) executed).code()));
                }
                proto.addExecuted(item);
            }
            builder.setProposal(proto);
        } else if (entry instanceof Vote vote) {
            builder.setVote(io.vellum.consensus.entry.proto.Vote.newBuilder()
                    .setHeight(vote.height())
                    .setProposalCommitment(ProtoFields.felt(vote.proposalCommitment()))
                    .setVoter(vote.voter().value())
                    .setApprove(vote.approve())
                    .setFirstDifference(vote.firstDifference())
                    .setReason(vote.reason())
                    .setSignatureR(ProtoFields.felt(vote.signature().r()))
                    .setSignatureS(ProtoFields.felt(vote.signature().s())));
        } else if (entry instanceof ProposalTimeout timeout) {
            builder.setProposalTimeout(io.vellum.consensus.entry.proto.ProposalTimeout.newBuilder()
                    .setHeight(timeout.height())
                    .setProposalCommitment(ProtoFields.felt(timeout.proposalCommitment()))
                    .setReporter(timeout.reporter().value()));
        } else if (entry instanceof MembershipChange change) {
            io.vellum.consensus.entry.proto.MembershipChange.Builder proto =
                    io.vellum.consensus.entry.proto.MembershipChange.newBuilder();
            for (Member member : change.voters()) {
                proto.addVoters(io.vellum.consensus.entry.proto.Member.newBuilder()
                        .setId(member.id().value())
                        .setPublicKey(ProtoFields.felt(member.publicKey()))
                        .setSequencerAddress(ProtoFields.felt(member.sequencerAddress().value())));
            }
            builder.setMembershipChange(proto);
        } else {
            throw new AssertionError("unknown entry kind " + entry.getClass());
        }
        return builder.build().toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Decoding.

    public LogEntry decode(byte[] bytes) throws EntryDecodingException {
        io.vellum.consensus.entry.proto.LogEntry proto;
        try {
            proto = io.vellum.consensus.entry.proto.LogEntry.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new EntryDecodingException("not a log entry: " + e.getMessage(), e);
        }
        try {
            return switch (proto.getKindCase()) {
                case TRANSACTION_BATCH -> decodeBatch(proto.getTransactionBatch());
                case PROPOSAL -> decodeProposal(proto.getProposal());
                case VOTE -> decodeVote(proto.getVote());
                case PROPOSAL_TIMEOUT -> new ProposalTimeout(proto.getProposalTimeout().getHeight(),
                        ProtoFields.felt(proto.getProposalTimeout().getProposalCommitment(), "proposal commitment"),
                        ProtoFields.nodeId(proto.getProposalTimeout().getReporter()));
                case MEMBERSHIP_CHANGE -> decodeMembership(proto.getMembershipChange());
                case KIND_NOT_SET -> throw new EntryDecodingException("log entry of no kind");
            };
        } catch (IllegalArgumentException e) {
            throw new EntryDecodingException(proto.getKindCase() + " entry is invalid: " + e.getMessage(), e);
        }
    }

    private TransactionBatch decodeBatch(io.vellum.consensus.entry.proto.TransactionBatch proto)
            throws EntryDecodingException {
        if (proto.getTransactionsCount() > BATCH_TRANSACTIONS_MAX) {
            throw new EntryDecodingException("batch of " + proto.getTransactionsCount() + " transactions, at most "
                    + BATCH_TRANSACTIONS_MAX);
        }
        List<ExecutableTransaction> transactions = new ArrayList<>(proto.getTransactionsCount());
        for (int i = 0; i < proto.getTransactionsCount(); i++) {
            try {
                transactions.add(transactionCodec.decode(proto.getTransactions(i).toByteArray()));
            } catch (DecodingException e) {
                throw new EntryDecodingException("transaction " + i + " of the batch: " + e.getMessage(), e);
            }
        }
        return new TransactionBatch(ProtoFields.nodeId(proto.getOrigin()), transactions);
    }

    private static Proposal decodeProposal(io.vellum.consensus.entry.proto.Proposal proto)
            throws EntryDecodingException {
        if (proto.getExecutedCount() > PROPOSAL_TRANSACTIONS_MAX) {
            throw new EntryDecodingException("proposal of " + proto.getExecutedCount() + " transactions, at most "
                    + PROPOSAL_TRANSACTIONS_MAX);
        }
        List<OfferedTransaction> executed = new ArrayList<>(proto.getExecutedCount());
        for (io.vellum.consensus.entry.proto.ExecutedTransaction item : proto.getExecutedList()) {
            Felt hash = ProtoFields.felt(item.getHash(), "transaction hash");
            switch (item.getResultCase()) {
                case RECEIPT_HASH -> executed.add(new OfferedTransaction.Included(hash,
                        ProtoFields.felt(item.getReceiptHash(), "receipt hash")));
                case REJECTION_CODE -> executed.add(new OfferedTransaction.Rejected(hash,
                        ProtoFields.rejectionCode(item.getRejectionCode())));
                case RESULT_NOT_SET -> throw new EntryDecodingException("executed transaction " + hash + " has no result");
            }
        }
        return new Proposal(proto.getHeight(), ProtoFields.felt(proto.getParentCommitment(), "parent commitment"),
                ProtoFields.nodeId(proto.getProposer()), proto.getTerm(), proto.getWatermarkIndex(), proto.getTimestampSeconds(),
                executed, ProtoFields.closeReason(proto.getCloseReason()), ProtoFields.felt(proto.getProposalCommitment(), "proposal commitment"),
                new Signature(ProtoFields.felt(proto.getSignatureR(), "signature r"), ProtoFields.felt(proto.getSignatureS(), "signature s")));
    }

    private static Vote decodeVote(io.vellum.consensus.entry.proto.Vote proto) throws EntryDecodingException {
        return new Vote(proto.getHeight(), ProtoFields.felt(proto.getProposalCommitment(), "proposal commitment"),
                ProtoFields.nodeId(proto.getVoter()), proto.getApprove(), proto.getFirstDifference(), proto.getReason(),
                new Signature(ProtoFields.felt(proto.getSignatureR(), "signature r"), ProtoFields.felt(proto.getSignatureS(), "signature s")));
    }

    private static MembershipChange decodeMembership(io.vellum.consensus.entry.proto.MembershipChange proto)
            throws EntryDecodingException {
        List<Member> voters = new ArrayList<>(proto.getVotersCount());
        for (io.vellum.consensus.entry.proto.Member member : proto.getVotersList()) {
            voters.add(new Member(ProtoFields.nodeId(member.getId()), ProtoFields.felt(member.getPublicKey(), "public key"),
                    new ContractAddress(ProtoFields.felt(member.getSequencerAddress(), "sequencer address"))));
        }
        return new MembershipChange(voters);
    }
}
