package io.vellum.consensus.core;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.block.RejectedTransaction;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.blockifier.execution.Rejection;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.entry.LogEntry;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.entry.MembershipChange;
import io.vellum.consensus.entry.Proposal;
import io.vellum.consensus.entry.ProposalTimeout;
import io.vellum.consensus.entry.TransactionBatch;
import io.vellum.consensus.entry.Vote;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.BlockProducer;
import io.vellum.proposer.builder.BuiltBlock;
import io.vellum.proposer.builder.ClaimedBlock;
import io.vellum.proposer.builder.OfferedTransaction;
import io.vellum.proposer.builder.Verdict;
import io.vellum.proposer.mempool.Admission;
import io.vellum.proposer.mempool.LogPosition;
import io.vellum.proposer.mempool.Mempool;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One sequencer node's protocol logic, without I/O.
 *
 * <h2>Design</h2>
 * Raft orders entries; every node applies the same entries in the same order. Everything that decides the chain —
 * admission to the mempool, which proposal is open, whose votes count, when a block is final, when a proposal is
 * discarded — is a function of the applied entries alone, so every node decides the same at the same index. What
 * depends on the node — re-execution, its clock, whether it leads — only produces entries (votes, proposals,
 * timeouts), which the log then orders. This is how Starknet's own sequencer separates consensus from execution,
 * and why the core can be tested with hundreds of seeded simulations.
 *
 * <h2>Rules, as applied</h2>
 * <ul>
 *   <li>{@link TransactionBatch}: each transaction is admitted to the mempool at (index, offset) unless it is
 *       pending already, final already, or over a bound.</li>
 *   <li>{@link Proposal}: opened if it is for the next height, names the final head as parent, comes from a voter
 *       that has not lost its turn at this height, is signed by it, saw the last final block (watermark at or after
 *       the index that made it final, before this one), and no proposal is open. Every node re-executes it from its
 *       own mempool and state; voters submit a signed {@link Vote}.</li>
 *   <li>{@link Vote}: counted once per current voter, for the open proposal only, if its signature holds. When
 *       approvals reach the quorum the block is final at this index: this node writes its own execution of it. When
 *       enough rejections make the quorum unreachable, the proposal is discarded.</li>
 *   <li>{@link ProposalTimeout}: discards the open proposal it names.</li>
 *   <li>{@link MembershipChange}: the voters from here on; the open proposal is re-evaluated.</li>
 * </ul>
 * A discarded proposal's proposer loses its turn at that height: its later proposals for the height are ignored,
 * and if it leads, it hands leadership to the next eligible proposer.
 *
 * <h2>Local duties</h2>
 * On {@link #tick}: the leader, when the schedule names it, cuts a block when the interval has passed or a block's
 * worth of transactions waits ({@link Action.Build}); when the schedule names another node it transfers
 * leadership. Any node reports a proposal open past the timeout (again each timeout period while it stays open), and
 * resends its vote if the log has not shown it.
 *
 * <p>Not thread-safe: the driver calls it from one thread (or under one lock).
 */
public final class SequencerCore {
    private static final int OWN_BUILDS_KEPT = 4;

    private final NodeId self;
    private final Felt privateKey;
    private final CoreConfig config;
    private final BlockProducer producer;
    private final ChainView chain;

    // Replicated: the same on every node at the same applied index.
    private final Mempool mempool;
    private ReplicatedState state;
    private long appliedIndex;

    // Local to this node.
    private long nowMs;
    private long term;
    private NodeId leader;
    private boolean leaderReady;
    private boolean buildInFlight;
    private long nextBlockDueMs;
    /** The height of this node's last submitted proposal, and when: not rebuilt while it may still be applied. */
    private long proposedHeight = -1;
    private long proposedAtMs;
    private final Map<Felt, BuiltBlock> ownBuilds = new LinkedHashMap<>();
    private Verdict verdict;
    private Vote myVote;
    private long myVoteSentMs;
    private long openSeenMs;
    /** When this node last reported the open proposal as timed out (0: not yet). */
    private long timeoutReportedMs;
    private NodeId transferRequestedTo;
    private long transferRequestedMs;
    private boolean halted;

    /**
     * A core resuming from a stored state: {@code state} and {@code pending} as of {@code appliedIndex} (for a new
     * chain: {@link ReplicatedState#genesis}, no pending transactions, index 0).
     */
    public SequencerCore(NodeId self, Felt privateKey, CoreConfig config, BlockProducer producer, ChainView chain,
            ReplicatedState state, long appliedIndex, List<PendingTransaction> pending, long nowMs) {
        this.self = Objects.requireNonNull(self, "self");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.config = Objects.requireNonNull(config, "config");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.state = Objects.requireNonNull(state, "state");
        this.appliedIndex = appliedIndex;
        this.nowMs = nowMs;
        this.mempool = new Mempool(config.mempoolLimits());
        for (PendingTransaction transaction : pending) {
            Admission admission = mempool.restore(transaction.transaction(), transaction.position());
            if (admission != Admission.ADMITTED) {
                throw new IllegalStateException("stored pending transaction " + transaction.hash()
                        + " could not be restored: " + admission);
            }
        }
        state.open().ifPresent(open -> {
            verdict = verify(open.proposal());
            openSeenMs = nowMs;
            if (state.voter(self).isPresent() && !open.votes().containsKey(self)) {
                myVote = signVote(open.proposal());
                myVoteSentMs = Long.MIN_VALUE / 2; // not in the log yet: send on the first tick
            }
        });
    }

    // -------------------------------------------------------------------------------------------------------------
    // Applying entries.

    /** Applies the entry at {@code index} (strictly after the last one applied). */
    public ApplyOutcome apply(long index, LogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        beginApply(index);
        StoreWrites writes = new StoreWrites();
        List<Action> actions = new ArrayList<>();
        if (halted) {
            return new ApplyOutcome(writes, actions);
        }
        ReplicatedState before = state;
        if (entry instanceof TransactionBatch batch) {
            applyBatch(index, batch, writes, actions);
        } else if (entry instanceof Proposal proposal) {
            applyProposal(index, proposal, actions);
        } else if (entry instanceof Vote vote) {
            applyVote(index, vote, writes, actions);
        } else if (entry instanceof ProposalTimeout timeout) {
            applyTimeout(index, timeout, actions);
        } else if (entry instanceof MembershipChange change) {
            applyMembership(index, change, writes, actions);
        }
        if (!state.equals(before)) {
            writes.saveState(state);
        }
        return new ApplyOutcome(writes, actions);
    }

    /** An entry at {@code index} that could not be decoded: every node skips it the same way. */
    public ApplyOutcome applyUndecodable(long index) {
        beginApply(index);
        return new ApplyOutcome(new StoreWrites(), List.of());
    }

    private void beginApply(long index) {
        if (index <= appliedIndex) {
            throw new IllegalStateException("entry " + index + " applied after entry " + appliedIndex + " on " + self);
        }
        appliedIndex = index;
    }

    /**
     * The head state's nonces of a batch's accounts, for the mempool's run rule ({@link Mempool#admit}): read in one
     * state view, and only when this batch could take the mempool past {@link MempoolLimits#runsOnlyFrom()} (below
     * it the rule never asks).
     */
    private Function<ContractAddress, Nonce> headNoncesFor(TransactionBatch batch) {
        if (mempool.size() + batch.transactions().size() < config.mempoolLimits().runsOnlyFrom()) {
            return account -> {
                throw new IllegalStateException("the run rule applies only past the threshold");
            };
        }
        Set<ContractAddress> accounts = new HashSet<>();
        for (ExecutableTransaction transaction : batch.transactions()) {
            accounts.add(transaction.transaction().nonceAddress());
        }
        Map<ContractAddress, Nonce> nonces = chain.withStateAfter(state.finalHeight(), head -> {
            Map<ContractAddress, Nonce> read = new HashMap<>();
            for (ContractAddress account : accounts) {
                read.put(account, head.nonceAt(account));
            }
            return read;
        });
        return nonces::get;
    }

    private void applyBatch(long index, TransactionBatch batch, StoreWrites writes, List<Action> actions) {
        List<Felt> ordered = new ArrayList<>(batch.transactions().size());
        Function<ContractAddress, Nonce> headNonce = headNoncesFor(batch);
        for (int offset = 0; offset < batch.transactions().size(); offset++) {
            ExecutableTransaction transaction = batch.transactions().get(offset);
            LogPosition position = new LogPosition(index, offset);
            Admission admission = mempool.admit(transaction, position, chain::isFinal, headNonce);
            if (admission == Admission.ADMITTED) {
                writes.admit(new PendingTransaction(transaction, position));
                ordered.add(transaction.hash());
            } else {
                actions.add(notify(new Notification.TransactionDropped(index, transaction.hash(), admission)));
            }
        }
        if (!ordered.isEmpty()) {
            actions.add(notify(new Notification.TransactionsOrdered(index, ordered)));
        }
    }

    private void applyProposal(long index, Proposal proposal, List<Action> actions) {
        String refusal = refusal(index, proposal);
        if (refusal != null) {
            actions.add(notify(new Notification.ProposalIgnored(index, proposal.height(), proposal.proposer(), refusal)));
            return;
        }
        state = state.withOpen(Optional.of(new OpenProposal(proposal, index, new java.util.TreeMap<>())));
        openSeenMs = nowMs;
        timeoutReportedMs = 0;
        verdict = verify(proposal);
        actions.add(notify(new Notification.ProposalOpened(index, proposal.height(), proposal.proposer(),
                proposal.proposalCommitment(), proposal.executed().size())));
        if (state.voter(self).isPresent()) {
            myVote = signVote(proposal);
            myVoteSentMs = nowMs;
            actions.add(new Action.Submit(myVote));
            actions.add(notify(new Notification.Voted(proposal.height(), proposal.proposalCommitment(),
                    myVote.approve(), myVote.firstDifference(), myVote.reason())));
        }
    }

    /** Why a proposal entry is not opened, or null if it is. */
    private String refusal(long index, Proposal proposal) {
        if (proposal.height() != state.finalHeight() + 1) {
            return "height " + proposal.height() + " is not the next height " + (state.finalHeight() + 1);
        }
        if (state.open().isPresent()) {
            return state.open().get().proposal().proposalCommitment().equals(proposal.proposalCommitment())
                    ? "duplicate of the open proposal" : "another proposal is open at this height";
        }
        if (!proposal.parentCommitment().equals(state.finalCommitment())) {
            return "parent " + proposal.parentCommitment() + " is not the final head " + state.finalCommitment();
        }
        Optional<Member> proposer = state.voter(proposal.proposer());
        if (proposer.isEmpty()) {
            return "proposer " + proposal.proposer() + " is not a voter";
        }
        if (state.lostTurns().contains(proposal.proposer())) {
            return "proposer " + proposal.proposer() + " lost its turn at height " + proposal.height();
        }
        if (!Ecdsa.verify(proposer.get().publicKey(), proposal.proposalCommitment(), proposal.signature())) {
            return "the proposer's signature does not verify";
        }
        if (proposal.watermarkIndex() >= index || proposal.watermarkIndex() < state.finalIndex()) {
            return "watermark " + proposal.watermarkIndex() + " is outside [" + state.finalIndex() + ", " + index + ")";
        }
        if (proposal.timestampSeconds() < state.finalTimestampSeconds()) {
            return "timestamp " + proposal.timestampSeconds() + " is before the parent's "
                    + state.finalTimestampSeconds();
        }
        return null;
    }

    private void applyVote(long index, Vote vote, StoreWrites writes, List<Action> actions) {
        Optional<OpenProposal> open = state.open();
        if (open.isEmpty() || open.get().proposal().height() != vote.height()
                || !open.get().proposal().proposalCommitment().equals(vote.proposalCommitment())) {
            return; // a late vote, for a proposal that is final or discarded
        }
        Optional<Member> voter = state.voter(vote.voter());
        if (voter.isEmpty() || open.get().votes().containsKey(vote.voter())) {
            return;
        }
        if (!Ecdsa.verify(voter.get().publicKey(), vote.signedMessage(), vote.signature())) {
            return;
        }
        state = state.withOpen(Optional.of(open.get().withVote(vote.voter(), vote.approve())));
        if (vote.voter().equals(self)) {
            myVote = null;
        }
        evaluate(index, writes, actions);
    }

    private void applyTimeout(long index, ProposalTimeout timeout, List<Action> actions) {
        Optional<OpenProposal> open = state.open();
        if (open.isPresent() && open.get().proposal().height() == timeout.height()
                && open.get().proposal().proposalCommitment().equals(timeout.proposalCommitment())) {
            discard(index, open.get().proposal(), "timed out (reported by " + timeout.reporter() + ")", actions);
        }
    }

    private void applyMembership(long index, MembershipChange change, StoreWrites writes, List<Action> actions) {
        state = state.withVoters(change.voters());
        Optional<OpenProposal> open = state.open();
        if (open.isPresent() && state.voter(open.get().proposal().proposer()).isEmpty()) {
            discard(index, open.get().proposal(), "its proposer is no longer a voter", actions);
            return;
        }
        evaluate(index, writes, actions);
    }

    /** Finalizes or discards the open proposal if its votes, among the current voters, decide it. */
    private void evaluate(long index, StoreWrites writes, List<Action> actions) {
        Optional<OpenProposal> open = state.open();
        if (open.isEmpty()) {
            return;
        }
        int voters = state.voters().size();
        int quorum = config.quorum().quorum(voters);
        int approvals = 0;
        int rejections = 0;
        for (Member member : state.voters()) {
            Boolean vote = open.get().votes().get(member.id());
            if (vote != null) {
                if (vote) {
                    approvals++;
                } else {
                    rejections++;
                }
            }
        }
        if (approvals >= quorum) {
            finalizeOpen(index, open.get().proposal(), writes, actions);
        } else if (rejections > voters - quorum) {
            discard(index, open.get().proposal(), rejections + " of " + voters + " voters rejected it", actions);
        }
    }

    private void finalizeOpen(long index, Proposal proposal, StoreWrites writes, List<Action> actions) {
        if (!(verdict instanceof Verdict.Approve approve)) {
            halted = true;
            String why = verdict instanceof Verdict.Reject reject
                    ? "position " + reject.position() + ": " + reject.reason() : "no verdict";
            actions.add(notify(new Notification.Halted(index, "block " + proposal.height() + " ("
                    + proposal.proposalCommitment() + ") is final by quorum, but this node's re-execution rejects it at "
                    + why)));
            return;
        }
        BuiltBlock built = approve.block();
        writes.finalize(new FinalBlock(index, proposal, built));
        List<Felt> leaving = new ArrayList<>(proposal.executed().size());
        proposal.executed().forEach(offered -> leaving.add(offered.hash()));
        writes.remove(leaving);
        mempool.remove(leaving);
        Map<Felt, Rejection> rejected = new HashMap<>();
        for (RejectedTransaction transaction : built.block().rejected()) {
            rejected.put(transaction.transaction().hash(), transaction.rejection());
        }
        state = state.finalized(proposal.height(), proposal.proposalCommitment(), proposal.timestampSeconds(), index);
        verdict = null;
        myVote = null;
        ownBuilds.clear();
        actions.add(notify(new Notification.BlockFinalized(index, proposal.height(), proposal.proposer(),
                proposal.proposalCommitment(), built.block().transactionHashes(), rejected,
                proposal.timestampSeconds())));
    }

    private void discard(long index, Proposal proposal, String reason, List<Action> actions) {
        state = state.withLostTurn(proposal.proposer());
        verdict = null;
        myVote = null;
        actions.add(notify(new Notification.ProposalDiscarded(index, proposal.height(), proposal.proposer(),
                proposal.proposalCommitment(), reason)));
        transferIfNotMyTurn(actions);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Re-execution and votes.

    private Verdict verify(Proposal proposal) {
        BuiltBlock own = ownBuilds.get(proposal.proposalCommitment());
        if (own != null && proposal.proposer().equals(self)) {
            return new Verdict.Approve(own); // this node built it: nothing to re-execute
        }
        Member proposer = state.voter(proposal.proposer()).orElseThrow();
        BlockContext context = context(proposal.height(), proposal.timestampSeconds(), proposer);
        ClaimedBlock claim = new ClaimedBlock(proposal.executed(), proposal.closeReason(), proposal.proposalCommitment());
        List<PendingTransaction> admitted = mempool.snapshotUpTo(proposal.watermarkIndex());
        return chain.withStateAfter(proposal.height() - 1, head -> producer.verify(head, context,
                proposal.parentCommitment(), config.limits(), config.orderingPolicy().order(admitted, head::nonceAt),
                claim));
    }

    private Vote signVote(Proposal proposal) {
        boolean approve = verdict instanceof Verdict.Approve;
        int position = approve ? -1 : ((Verdict.Reject) verdict).position();
        String reason = approve ? "" : ((Verdict.Reject) verdict).reason();
        if (reason.length() > 1000) {
            reason = reason.substring(0, 997) + "...";
        }
        Signature signature = Ecdsa.sign(privateKey,
                Vote.signedMessage(proposal.height(), proposal.proposalCommitment(), approve));
        return new Vote(proposal.height(), proposal.proposalCommitment(), self, approve, position, reason, signature);
    }

    private BlockContext context(long height, long timestampSeconds, Member proposer) {
        return new BlockContext(new BlockNumber(height), timestampSeconds, proposer.sequencerAddress(),
                config.gasPrices(), config.chainId(), config.feeTokenAddress());
    }

    // -------------------------------------------------------------------------------------------------------------
    // Leadership and time.

    /** Raft's leader changed ({@code newLeader} null: none known). */
    public List<Action> onLeaderChanged(long newTerm, NodeId newLeader) {
        term = newTerm;
        leader = newLeader;
        leaderReady = false;
        transferRequestedTo = null;
        proposedHeight = -1; // a proposal sent to the old leader may be lost: build again when ready
        if (myVote != null) {
            myVoteSentMs = Long.MIN_VALUE / 2; // the old leader may have lost it: resend on the next tick
        }
        return List.of();
    }

    /** This node leads and its first entry of {@code readyTerm} is applied: it may propose. */
    public List<Action> onLeaderReady(long readyTerm) {
        if (self.equals(leader) && readyTerm == term) {
            leaderReady = true;
            nextBlockDueMs = nowMs;
        }
        return List.of();
    }

    /** Time passed: the duties that depend on the clock. */
    public List<Action> tick(long now) {
        nowMs = Math.max(nowMs, now);
        List<Action> actions = new ArrayList<>();
        if (halted) {
            return actions;
        }
        Optional<OpenProposal> open = state.open();
        if (open.isPresent()) {
            Proposal proposal = open.get().proposal();
            // Reported again each timeout period while it stays open: a report can be lost on its way to a leader
            // that was just cut off, and nothing else would end the proposal.
            if (nowMs - openSeenMs >= config.proposalTimeoutMs()
                    && (timeoutReportedMs == 0 || nowMs - timeoutReportedMs >= config.proposalTimeoutMs())) {
                timeoutReportedMs = nowMs;
                actions.add(new Action.Submit(new ProposalTimeout(proposal.height(), proposal.proposalCommitment(), self)));
            }
            if (myVote != null && nowMs - myVoteSentMs >= config.voteResendMs()) {
                myVoteSentMs = nowMs;
                actions.add(new Action.Submit(myVote));
            }
        }
        if (leaderReady && self.equals(leader)) {
            transferIfNotMyTurn(actions);
            if (expectedProposer().equals(self)) {
                proposeIfDue(actions);
            }
        }
        return actions;
    }

    /**
     * The node that should propose the next height: the schedule's choice among the voters that have not lost
     * their turn; if the schedule names one that has (the leader schedule names the leader), the next eligible
     * voter after it in id order.
     */
    public NodeId expectedProposer() {
        List<NodeId> voters = state.voterIds();
        List<NodeId> eligible = voters.stream().filter(id -> !state.lostTurns().contains(id)).toList();
        if (eligible.isEmpty()) {
            eligible = voters;
        }
        NodeId scheduled = config.schedule().proposerFor(state.finalHeight() + 1, leader == null ? self : leader,
                eligible);
        if (eligible.contains(scheduled)) {
            return scheduled;
        }
        for (NodeId id : eligible) {
            if (id.compareTo(scheduled) > 0) {
                return id;
            }
        }
        return eligible.get(0);
    }

    private void transferIfNotMyTurn(List<Action> actions) {
        if (!self.equals(leader) || !leaderReady) {
            return;
        }
        NodeId target = expectedProposer();
        if (target.equals(self)) {
            return;
        }
        if (!target.equals(transferRequestedTo) || nowMs - transferRequestedMs >= config.proposalTimeoutMs()) {
            transferRequestedTo = target;
            transferRequestedMs = nowMs;
            actions.add(new Action.TransferLeadership(target));
        }
    }

    private void proposeIfDue(List<Action> actions) {
        if (buildInFlight || state.open().isPresent() || mempool.size() == 0) {
            return;
        }
        if (proposedHeight == state.finalHeight() + 1 && nowMs - proposedAtMs < config.proposalTimeoutMs()) {
            return; // our proposal for this height is on its way through the log: building again wastes a build
        }
        boolean full = mempool.size() >= config.limits().transactionCountMax();
        if (nowMs < nextBlockDueMs && !full) {
            return;
        }
        long height = state.finalHeight() + 1;
        List<PendingTransaction> pending = mempool.snapshot();
        List<PendingTransaction> candidates = chain.withStateAfter(state.finalHeight(),
                head -> config.orderingPolicy().order(pending, head::nonceAt));
        if (candidates.isEmpty()) {
            return; // only transactions behind nonce gaps: nothing to offer
        }
        Member me = state.voter(self).orElseThrow();
        long timestampSeconds = Math.max(nowMs / 1000, state.finalTimestampSeconds());
        BuildTask task = new BuildTask(height, term, state.finalCommitment(), appliedIndex,
                context(height, timestampSeconds, me), config.limits(), candidates, nowMs + config.buildBudgetMs());
        buildInFlight = true;
        actions.add(new Action.Build(task));
    }

    /** The proposer's build finished: submit the proposal if it is still wanted. */
    public List<Action> onBuilt(BuildTask task, BuiltBlock built) {
        buildInFlight = false;
        nextBlockDueMs = nowMs + config.blockIntervalMs();
        if (halted || task.term() != term || !self.equals(leader) || task.height() != state.finalHeight() + 1
                || state.open().isPresent() || !task.parentCommitment().equals(state.finalCommitment())) {
            return List.of(); // overtaken: another block became final or leadership moved on
        }
        ownBuilds.put(built.proposalCommitment(), built);
        while (ownBuilds.size() > OWN_BUILDS_KEPT) {
            ownBuilds.remove(ownBuilds.keySet().iterator().next());
        }
        List<OfferedTransaction> offered = built.offered();
        proposedHeight = task.height();
        proposedAtMs = nowMs;
        Proposal proposal = new Proposal(task.height(), task.parentCommitment(), self, task.term(),
                task.watermarkIndex(), task.context().timestampSeconds(), offered, built.block().closeReason(),
                built.proposalCommitment(), Ecdsa.sign(privateKey, built.proposalCommitment()));
        return List.of(new Action.Submit(proposal));
    }

    /** The proposer's build failed (a state read error): try again at the next interval. */
    public List<Action> onBuildFailed(BuildTask task) {
        buildInFlight = false;
        nextBlockDueMs = nowMs + config.blockIntervalMs();
        return List.of();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Views for drivers, tests and metrics.

    private static Action notify(Notification notification) {
        return new Action.Notify(notification);
    }

    public NodeId self() {
        return self;
    }

    public ReplicatedState state() {
        return state;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    public int pendingCount() {
        return mempool.size();
    }

    public boolean isPending(Felt hash) {
        return mempool.contains(hash);
    }

    public List<PendingTransaction> pending() {
        return mempool.snapshot();
    }

    public boolean isHalted() {
        return halted;
    }

    public long term() {
        return term;
    }

    public Optional<NodeId> leader() {
        return Optional.ofNullable(leader);
    }

    public boolean isLeaderReady() {
        return leaderReady;
    }
}
