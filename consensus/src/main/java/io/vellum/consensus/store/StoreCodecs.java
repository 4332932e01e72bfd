package io.vellum.consensus.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.block.RejectedTransaction;
import io.vellum.blockifier.codec.BlockCodecs;
import io.vellum.blockifier.codec.Codec;
import io.vellum.blockifier.codec.CodecReader;
import io.vellum.blockifier.codec.CodecWriter;
import io.vellum.blockifier.codec.DecodingException;
import io.vellum.blockifier.codec.ExecutionCodecs;
import io.vellum.blockifier.codec.TransactionCodecs;
import io.vellum.blockifier.commitment.BlockCommitments;
import io.vellum.blockifier.commitment.L1DataAvailabilityMode;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.execution.Rejection;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.FinalBlock;
import io.vellum.consensus.core.OpenProposal;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.entry.EntryCodec;
import io.vellum.consensus.entry.EntryDecodingException;
import io.vellum.consensus.entry.LogEntry;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.entry.Proposal;
import io.vellum.consensus.entry.ProtoFields;
import io.vellum.consensus.entry.proto.BlockRecord;
import io.vellum.consensus.entry.proto.Commitments;
import io.vellum.consensus.entry.proto.CoreState;
import io.vellum.consensus.entry.proto.OpenProposalState;
import io.vellum.consensus.entry.proto.RejectedRecord;
import io.vellum.consensus.entry.proto.VoteState;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.mempool.LogPosition;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bytes of what {@link RocksCoreStore} keeps: the replicated state and final blocks (protobuf messages in
 * {@code vellum_log.proto}), receipts (the blockifier's canonical list encoding), and pending transactions (their
 * log position, then the canonical transaction). Decoding is strict; a failure is a {@link StoreFormatException}
 * naming what was being read.
 */
final class StoreCodecs {
    private static final int RECEIPTS_MAX = 100_000;

    private final EntryCodec entries;
    private final Codec<ExecutableTransaction> transactions;

    StoreCodecs(ChainId chainId) {
        this.entries = new EntryCodec(chainId);
        this.transactions = TransactionCodecs.executable(chainId);
    }

    // -------------------------------------------------------------------------------------------------------------
    // The replicated state.

    byte[] encodeState(ReplicatedState state) {
        CoreState.Builder proto = CoreState.newBuilder()
                .setFinalHeight(state.finalHeight())
                .setFinalCommitment(ProtoFields.felt(state.finalCommitment()))
                .setFinalTimestampSeconds(state.finalTimestampSeconds())
                .setFinalIndex(state.finalIndex());
        for (Member member : state.voters()) {
            proto.addVoters(io.vellum.consensus.entry.proto.Member.newBuilder()
                    .setId(member.id().value())
                    .setPublicKey(ProtoFields.felt(member.publicKey()))
                    .setSequencerAddress(ProtoFields.felt(member.sequencerAddress().value())));
        }
        state.open().ifPresent(open -> {
            OpenProposalState.Builder openProto = OpenProposalState.newBuilder()
                    .setProposalEntry(ByteString.copyFrom(entries.encode(open.proposal())))
                    .setOpenedIndex(open.openedIndex());
            open.votes().forEach((voter, approve) ->
                    openProto.addVotes(VoteState.newBuilder().setVoter(voter.value()).setApprove(approve)));
            proto.setOpen(openProto);
        });
        state.lostTurns().forEach(id -> proto.addLostTurns(id.value()));
        return proto.build().toByteArray();
    }

    ReplicatedState decodeState(byte[] bytes) {
        try {
            CoreState proto = CoreState.parseFrom(bytes);
            List<Member> voters = new ArrayList<>();
            for (io.vellum.consensus.entry.proto.Member member : proto.getVotersList()) {
                voters.add(new Member(ProtoFields.nodeId(member.getId()),
                        ProtoFields.felt(member.getPublicKey(), "public key"),
                        new ContractAddress(ProtoFields.felt(member.getSequencerAddress(), "sequencer address"))));
            }
            Optional<OpenProposal> open = Optional.empty();
            if (proto.hasOpen()) {
                TreeMap<NodeId, Boolean> votes = new TreeMap<>();
                for (VoteState vote : proto.getOpen().getVotesList()) {
                    votes.put(ProtoFields.nodeId(vote.getVoter()), vote.getApprove());
                }
                open = Optional.of(new OpenProposal(proposal(proto.getOpen().getProposalEntry().toByteArray()),
                        proto.getOpen().getOpenedIndex(), votes));
            }
            TreeSet<NodeId> lostTurns = new TreeSet<>();
            for (String id : proto.getLostTurnsList()) {
                lostTurns.add(ProtoFields.nodeId(id));
            }
            return new ReplicatedState(proto.getFinalHeight(), ProtoFields.felt(proto.getFinalCommitment(),
                    "final commitment"), proto.getFinalTimestampSeconds(), proto.getFinalIndex(), voters, open,
                    lostTurns);
        } catch (InvalidProtocolBufferException | EntryDecodingException | IllegalArgumentException e) {
            throw new StoreFormatException("the stored consensus state", e);
        }
    }

    private Proposal proposal(byte[] entryBytes) throws EntryDecodingException {
        LogEntry entry = entries.decode(entryBytes);
        if (!(entry instanceof Proposal proposal)) {
            throw new EntryDecodingException("expected a proposal, found " + entry.getClass().getSimpleName());
        }
        return proposal;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Final blocks.

    byte[] encodeBlock(FinalBlock block, StarknetVersion version) {
        BlockContext context = block.built().block().context();
        BlockCommitments commitments = block.built().commitments();
        BlockRecord.Builder proto = BlockRecord.newBuilder()
                .setHeight(block.height())
                .setFinalIndex(block.index())
                .setProposalEntry(ByteString.copyFrom(entries.encode(block.proposal())))
                .setSequencerAddress(ProtoFields.felt(context.sequencerAddress().value()))
                .setGasPrices(ByteString.copyFrom(BlockCodecs.GAS_PRICES.encode(context.gasPrices())))
                .setStarknetVersion(version.toString())
                .setCommitments(Commitments.newBuilder()
                        .setTransactionCommitment(ProtoFields.felt(commitments.transactionCommitment()))
                        .setEventCommitment(ProtoFields.felt(commitments.eventCommitment()))
                        .setReceiptCommitment(ProtoFields.felt(commitments.receiptCommitment()))
                        .setStateDiffCommitment(ProtoFields.felt(commitments.stateDiffCommitment()))
                        .setTransactionCount(commitments.transactionCount())
                        .setEventCount(commitments.eventCount())
                        .setStateDiffLength(commitments.stateDiffLength())
                        .setBlobDataAvailability(commitments.l1DataAvailabilityMode() == L1DataAvailabilityMode.BLOB));
        for (ExecutableTransaction transaction : block.built().block().transactions()) {
            proto.addTransactions(ByteString.copyFrom(transactions.encode(transaction)));
        }
        for (RejectedTransaction rejected : block.built().block().rejected()) {
            proto.addRejected(RejectedRecord.newBuilder()
                    .setHash(ProtoFields.felt(rejected.transaction().hash()))
                    .setCode(ProtoFields.rejectionCode(rejected.rejection().code()))
                    .setMessage(rejected.rejection().message()));
        }
        return proto.build().toByteArray();
    }

    StoredBlock decodeBlock(byte[] bytes, ChainId chainId, ContractAddress feeToken) {
        try {
            BlockRecord proto = BlockRecord.parseFrom(bytes);
            Proposal proposal = proposal(proto.getProposalEntry().toByteArray());
            GasPrices gasPrices = BlockCodecs.GAS_PRICES.decode(proto.getGasPrices().toByteArray());
            BlockContext context = new BlockContext(new BlockNumber(proto.getHeight()), proposal.timestampSeconds(),
                    new ContractAddress(ProtoFields.felt(proto.getSequencerAddress(), "sequencer address")), gasPrices,
                    chainId, feeToken);
            List<ExecutableTransaction> included = new ArrayList<>(proto.getTransactionsCount());
            for (ByteString transaction : proto.getTransactionsList()) {
                included.add(transactions.decode(transaction.toByteArray()));
            }
            Map<Felt, Rejection> rejected = new HashMap<>();
            for (RejectedRecord record : proto.getRejectedList()) {
                rejected.put(ProtoFields.felt(record.getHash(), "rejected hash"),
                        new Rejection(ProtoFields.rejectionCode(record.getCode()), record.getMessage()));
            }
            Commitments c = proto.getCommitments();
            BlockCommitments commitments = new BlockCommitments(
                    ProtoFields.felt(c.getTransactionCommitment(), "transaction commitment"),
                    ProtoFields.felt(c.getEventCommitment(), "event commitment"),
                    ProtoFields.felt(c.getReceiptCommitment(), "receipt commitment"),
                    ProtoFields.felt(c.getStateDiffCommitment(), "state diff commitment"),
                    c.getTransactionCount(), c.getEventCount(), c.getStateDiffLength(),
                    c.getBlobDataAvailability() ? L1DataAvailabilityMode.BLOB : L1DataAvailabilityMode.CALLDATA);
            return new StoredBlock(proto.getHeight(), proto.getFinalIndex(), proposal, context,
                    StarknetVersion.parse(proto.getStarknetVersion()), included, rejected, commitments);
        } catch (InvalidProtocolBufferException | EntryDecodingException | DecodingException
                | IllegalArgumentException e) {
            throw new StoreFormatException("a stored block", e);
        }
    }

    /**
     * A stored block without its transactions and rejections: decoding a transaction hashes it, which costs more than
     * everything else in the record together (about 0.2 ms each).
     */
    StoredBlockHeader decodeHeader(byte[] bytes, ChainId chainId, ContractAddress feeToken) {
        try {
            BlockRecord proto = BlockRecord.parseFrom(bytes);
            Proposal proposal = proposal(proto.getProposalEntry().toByteArray());
            GasPrices gasPrices = BlockCodecs.GAS_PRICES.decode(proto.getGasPrices().toByteArray());
            BlockContext context = new BlockContext(new BlockNumber(proto.getHeight()), proposal.timestampSeconds(),
                    new ContractAddress(ProtoFields.felt(proto.getSequencerAddress(), "sequencer address")), gasPrices,
                    chainId, feeToken);
            Commitments c = proto.getCommitments();
            BlockCommitments commitments = new BlockCommitments(
                    ProtoFields.felt(c.getTransactionCommitment(), "transaction commitment"),
                    ProtoFields.felt(c.getEventCommitment(), "event commitment"),
                    ProtoFields.felt(c.getReceiptCommitment(), "receipt commitment"),
                    ProtoFields.felt(c.getStateDiffCommitment(), "state diff commitment"),
                    c.getTransactionCount(), c.getEventCount(), c.getStateDiffLength(),
                    c.getBlobDataAvailability() ? L1DataAvailabilityMode.BLOB : L1DataAvailabilityMode.CALLDATA);
            if (commitments.transactionCount() != proto.getTransactionsCount()) {
                throw new IllegalArgumentException("the record holds " + proto.getTransactionsCount()
                        + " transactions and its commitments count " + commitments.transactionCount());
            }
            return new StoredBlockHeader(proto.getHeight(), proto.getFinalIndex(), proposal, context,
                    StarknetVersion.parse(proto.getStarknetVersion()), commitments);
        } catch (InvalidProtocolBufferException | EntryDecodingException | DecodingException
                | IllegalArgumentException e) {
            throw new StoreFormatException("a stored block header", e);
        }
    }

    byte[] encodeReceipts(List<Receipt> receipts) {
        CodecWriter writer = new CodecWriter();
        writer.writeByte(io.vellum.blockifier.codec.Codecs.FORMAT_VERSION);
        writer.writeList(receipts, RECEIPTS_MAX, "receipts", ExecutionCodecs.RECEIPT);
        return writer.toByteArray();
    }

    List<Receipt> decodeReceipts(byte[] bytes) {
        try {
            CodecReader reader = CodecReader.open(bytes);
            List<Receipt> receipts = reader.readList(RECEIPTS_MAX, "receipts", ExecutionCodecs.RECEIPT);
            reader.expectEnd();
            return receipts;
        } catch (DecodingException e) {
            throw new StoreFormatException("stored receipts", e);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Pending transactions: their log position, then the transaction.

    byte[] encodePending(PendingTransaction pending) {
        CodecWriter writer = new CodecWriter();
        writer.writeByte(io.vellum.blockifier.codec.Codecs.FORMAT_VERSION);
        writer.writeVarint(pending.position().index());
        writer.writeVarint(pending.position().offset());
        transactions.write(writer, pending.transaction());
        return writer.toByteArray();
    }

    PendingTransaction decodePending(byte[] bytes) {
        try {
            CodecReader reader = CodecReader.open(bytes);
            long index = reader.readNonNegativeLong("log index");
            long offset = reader.readNonNegativeLong("log offset");
            if (offset > Integer.MAX_VALUE) {
                throw reader.error(DecodingException.Reason.INVALID_VALUE, reader.position(), "offset " + offset);
            }
            ExecutableTransaction transaction = transactions.read(reader);
            reader.expectEnd();
            return new PendingTransaction(transaction, new LogPosition(index, (int) offset));
        } catch (DecodingException e) {
            throw new StoreFormatException("a stored pending transaction", e);
        }
    }
}
