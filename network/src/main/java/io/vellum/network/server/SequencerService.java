package io.vellum.network.server;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.vellum.blockifier.contracts.StandardContracts;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.execution.ExecutionError;
import io.vellum.blockifier.execution.ExecutionException;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.state.CachedState;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.node.ConsensusNode;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.consensus.node.NotOrderedException;
import io.vellum.consensus.node.Ordering;
import io.vellum.consensus.node.OverloadedException;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.consensus.prover.QueueStatus;
import io.vellum.consensus.store.RocksCoreStore;
import io.vellum.consensus.store.StoredBlockHeader;
import io.vellum.network.api.Block;
import io.vellum.network.api.CallRequest;
import io.vellum.network.api.CallResponse;
import io.vellum.network.api.GetBlockRequest;
import io.vellum.network.api.GetNodeStatusRequest;
import io.vellum.network.api.GetNonceRequest;
import io.vellum.network.api.GetNonceResponse;
import io.vellum.network.api.GetReceiptRequest;
import io.vellum.network.api.GetStorageAtRequest;
import io.vellum.network.api.GetStorageAtResponse;
import io.vellum.network.api.GetTransactionStatusRequest;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.Receipt;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.StreamFinalBlocksRequest;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.SubmitTransactionsRequest;
import io.vellum.network.api.SubmitTransactionsResponse;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.ingress.Ingress;
import io.vellum.network.ingress.Verdict;
import io.vellum.network.metrics.ApiMetrics;
import io.vellum.network.node.ApiSettings;
import io.vellum.storage.ProverJob;
import io.vellum.storage.StateView;
import io.vellum.storage.TransactionLocation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sequencer service: transactions in (through {@link Ingress}, then {@link ConsensusNode#submit}), chain data
 * out (from the node's RocksDB store), a stream of final blocks, and the node's status.
 *
 * <h2>Submissions</h2>
 * A call is checked as a whole first: a malformed transaction, a bad signature or a wrong chain fails the call with
 * {@code INVALID_ARGUMENT} naming it, and nothing of the call is submitted. The accepted transactions are submitted
 * together; the call answers once each is ordered (or dropped, or failed), or when
 * {@link ApiSettings#submitTimeoutMs()} passes (the ones still waiting are {@code UNKNOWN}). No call thread waits
 * meanwhile. When no transaction of the call ends ordered, the call fails with the status of what happened to all of
 * them ({@code FAILED_PRECONDITION}, {@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE} or {@code DEADLINE_EXCEEDED},
 * see {@code docs/api.md}); otherwise it answers one result per transaction.
 *
 * <h2>Streams</h2>
 * Each {@code StreamFinalBlocks} call reads blocks from the store on the stream thread and sends them only while
 * gRPC's flow control says the client is ready, so a stream holds at most one block in memory beyond what gRPC
 * buffers. A client that keeps up follows live; one that falls more than
 * {@link ApiSettings#streamBufferBlocksMax()} blocks behind the head after having caught up is cancelled with
 * {@code RESOURCE_EXHAUSTED} (it may resume from the height in the description). At most
 * {@link ApiSettings#streamsMax()} streams are open at once.
 */
public final class SequencerService extends SequencerGrpc.SequencerImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(SequencerService.class);
    /** An entry point name for {@code Call}: Cairo identifiers. */
    static final Pattern ENTRY_POINT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** The most blocks one stream step sends before letting other streams go. */
    static final int STREAM_STEP_BLOCKS = 16;

    private final SequencerNode node;
    private final Ingress ingress;
    private final ApiSettings api;
    private final ApiMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final BlockHashIndex hashes;
    /** Transactions accepted by ingress and submitted, not yet ordered: the RECEIVED state. */
    private final Set<Felt> received = ConcurrentHashMap.newKeySet();
    private final Set<BlockStream> streams = ConcurrentHashMap.newKeySet();
    private final Consumer<Notification> finalityListener = this::onNotification;
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final int mempoolMax;

    /**
     * @param node the running node
     * @param ingress the checks before submission
     * @param api the limits
     * @param metrics the API's meters
     * @param scheduler the thread of submit timeouts and block streams
     * @param clock the node's clock
     */
    public SequencerService(SequencerNode node, Ingress ingress, ApiSettings api, ApiMetrics metrics,
            ScheduledExecutorService scheduler, Clock clock) {
        this.node = Objects.requireNonNull(node, "node");
        this.ingress = Objects.requireNonNull(ingress, "ingress");
        this.api = Objects.requireNonNull(api, "api");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hashes = new BlockHashIndex(() -> node.chain().store());
        this.mempoolMax = node.config().core().mempoolLimits().transactionsMax();
        node.consensus().addListener(finalityListener);
    }

    /** Ends every open stream with {@code UNAVAILABLE} and stops following the node (closing). */
    public void shutdown() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        node.consensus().removeListener(finalityListener);
        Runnable endAll = () -> {
            for (BlockStream stream : streams) {
                stream.end(Status.UNAVAILABLE.withDescription("the node is shutting down; resume from block "
                        + stream.nextHeight + " elsewhere or later"));
            }
            streams.clear();
        };
        try {
            // On the stream thread, the only one that sends on streams.
            scheduler.submit(endAll).get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("ending the block streams failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Submissions.

    @Override
    public void submitTransactions(SubmitTransactionsRequest request,
            StreamObserver<SubmitTransactionsResponse> observer) {
        List<Verdict> verdicts;
        try {
            requireOpen();
            // Backpressure before any work: with the mempool full, checking signatures would only burn the CPU the
            // node needs to drain it.
            int pending = node.consensus().pendingCountLastSeen(); // not under the core's lock: never waits
            if (pending >= mempoolMax) {
                metrics.ingress("overloaded", request.getTransactionsCount());
                observer.onError(Status.RESOURCE_EXHAUSTED.withDescription("the mempool is full (" + pending
                        + " pending transactions); back off and retry").asRuntimeException());
                return;
            }
            if (node.consensus().leader().isEmpty()) {
                // No leader known (an election, or this node cut off from the others): nothing would be ordered.
                observer.onError(Status.UNAVAILABLE.withDescription("no Raft leader is known to this node (an "
                        + "election, or no quorum reachable); retry, maybe on another node").asRuntimeException());
                return;
            }
            verdicts = ingress.check(request.getTransactionsList());
        } catch (InvalidRequestException e) {
            metrics.ingress("invalid", Math.max(1, request.getTransactionsCount()));
            observer.onError(e.toStatus());
            return;
        } catch (Exception e) {
            observer.onError(Statuses.toStatus(e));
            return;
        }
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i) instanceof Verdict.Invalid invalid) {
                metrics.ingress("invalid", verdicts.size());
                observer.onError(Status.INVALID_ARGUMENT.withDescription("transactions[" + i + "] ("
                        + invalid.hash().toHex() + "): " + invalid.reason()).asRuntimeException());
                return;
            }
        }
        List<ExecutableTransaction> accepted = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            if (verdict instanceof Verdict.Accepted ok) {
                accepted.add(ok.transaction());
            }
        }
        if (accepted.isEmpty()) {
            metrics.ingress("refused", verdicts.size());
            Verdict.Refused first = (Verdict.Refused) verdicts.get(0);
            observer.onError(Status.FAILED_PRECONDITION.withDescription("transactions[0] (" + first.hash().toHex()
                    + "): " + first.reason()).asRuntimeException());
            return;
        }
        List<CompletableFuture<Ordering>> futures;
        try {
            futures = node.consensus().submit(accepted);
        } catch (OverloadedException e) {
            metrics.ingress("overloaded", verdicts.size());
            observer.onError(Status.RESOURCE_EXHAUSTED.withDescription("the node is overloaded: " + e.getMessage()
                    + "; back off and retry").asRuntimeException());
            return;
        } catch (RuntimeException e) {
            observer.onError(Statuses.toStatus(e));
            return;
        }
        accepted.forEach(t -> received.add(t.hash()));
        answerWhenOrdered(verdicts, accepted, futures, observer);
    }

    private void answerWhenOrdered(List<Verdict> verdicts, List<ExecutableTransaction> accepted,
            List<CompletableFuture<Ordering>> futures, StreamObserver<SubmitTransactionsResponse> observer) {
        AtomicBoolean answered = new AtomicBoolean();
        Runnable answer = () -> {
            if (answered.compareAndSet(false, true)) {
                accepted.forEach(t -> received.remove(t.hash()));
                respond(verdicts, futures, observer);
            }
        };
        ScheduledFuture<?> timeout;
        try {
            timeout = scheduler.schedule(answer, api.submitTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) { // the scheduler stopped: the node is closing
            answer.run();
            return;
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            timeout.cancel(false);
            answer.run();
        });
    }

    private void respond(List<Verdict> verdicts, List<CompletableFuture<Ordering>> futures,
            StreamObserver<SubmitTransactionsResponse> observer) {
        SubmitTransactionsResponse.Builder response = SubmitTransactionsResponse.newBuilder();
        int next = 0;
        int ordered = 0;
        int overloaded = 0;
        int timedOut = 0;
        int notOrdered = 0;
        int refused = 0;
        for (Verdict verdict : verdicts) {
            SubmitResult.Builder result = SubmitResult.newBuilder().setTransactionHash(verdict.hash().toHex());
            if (verdict instanceof Verdict.Refused r) {
                result.setOutcome(SubmitResult.Outcome.REFUSED).setReason(r.reason());
                refused++;
            } else {
                CompletableFuture<Ordering> future = futures.get(next++);
                if (!future.isDone()) {
                    result.setOutcome(SubmitResult.Outcome.UNKNOWN).setReason("not ordered within "
                            + api.submitTimeoutMs() + " ms; ask for its status (resending is safe)");
                    timedOut++;
                } else {
                    try {
                        Ordering ordering = future.join();
                        if (ordering instanceof Ordering.Ordered) {
                            result.setOutcome(SubmitResult.Outcome.ORDERED);
                            ordered++;
                        } else if (ordering instanceof Ordering.Dropped dropped) {
                            switch (dropped.reason()) {
                                case DUPLICATE -> {
                                    result.setOutcome(SubmitResult.Outcome.REFUSED).setReason(
                                            "DUPLICATE: already pending or final; ask for its status");
                                    refused++;
                                }
                                case MEMPOOL_FULL, ACCOUNT_FULL -> {
                                    result.setOutcome(SubmitResult.Outcome.OVERLOADED).setReason(
                                            dropped.reason() + ": back off and resend");
                                    overloaded++;
                                }
                                case ADMITTED -> {
                                    result.setOutcome(SubmitResult.Outcome.ORDERED);
                                    ordered++;
                                }
                            }
                        }
                    } catch (CompletionException | java.util.concurrent.CancellationException e) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        result.setOutcome(SubmitResult.Outcome.UNKNOWN).setReason("not ordered: " + cause.getMessage()
                                + " (resending is safe)");
                        notOrdered++;
                    }
                }
            }
            response.addResults(result);
        }
        metrics.ingress("ordered", ordered);
        metrics.ingress("refused", refused);
        metrics.ingress("overloaded", overloaded);
        metrics.ingress("unknown", timedOut + notOrdered);
        try {
            int total = verdicts.size();
            if (ordered == 0 && overloaded + refused == total && overloaded > 0) {
                observer.onError(Status.RESOURCE_EXHAUSTED.withDescription("the mempool is full: "
                        + response.getResults(0).getReason()).asRuntimeException());
            } else if (ordered == 0 && refused == total) {
                observer.onError(Status.FAILED_PRECONDITION.withDescription("transactions[0]: "
                        + response.getResults(0).getReason()).asRuntimeException());
            } else if (ordered == 0 && timedOut > 0 && timedOut + refused + overloaded == total) {
                observer.onError(Status.DEADLINE_EXCEEDED.withDescription("not ordered within "
                        + api.submitTimeoutMs() + " ms: the outcome is unknown; ask for the status").asRuntimeException());
            } else if (ordered == 0 && notOrdered > 0 && timedOut + notOrdered + refused + overloaded == total) {
                observer.onError(Status.UNAVAILABLE.withDescription("not ordered (no quorum or leader reachable?): "
                        + firstUnknown(response) + "; retry, resending is safe").asRuntimeException());
            } else {
                observer.onNext(response.build());
                observer.onCompleted();
            }
        } catch (RuntimeException e) {
            LOG.debug("answering a submission failed (the client left?)", e);
        }
    }

    private static String firstUnknown(SubmitTransactionsResponse.Builder response) {
        return response.getResultsList().stream().filter(r -> r.getOutcome() == SubmitResult.Outcome.UNKNOWN)
                .map(SubmitResult::getReason).findFirst().orElse("");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Transactions.

    @Override
    public void getTransactionStatus(GetTransactionStatusRequest request, StreamObserver<TransactionStatus> observer) {
        Statuses.unary(observer, () -> {
            Felt hash = ApiCodec.felt(request.getTransactionHash(), "transaction_hash");
            requireOpen();
            return status(hash);
        });
    }

    private TransactionStatus status(Felt hash) {
        TransactionStatus.Builder out = TransactionStatus.newBuilder().setTransactionHash(hash.toHex());
        io.vellum.consensus.node.TransactionStatus known = node.consensus().status(hash);
        if (known instanceof io.vellum.consensus.node.TransactionStatus.Rejected rejected) {
            return out.setState(TransactionStatus.State.REJECTED).setBlockNumber(rejected.height())
                    .setReason(rejected.reason().toString()).build();
        }
        if (known instanceof io.vellum.consensus.node.TransactionStatus.Pending) {
            return out.setState(TransactionStatus.State.ORDERED).build();
        }
        Optional<TransactionLocation> location = node.chain().store().transactionLocation(hash);
        if (location.isPresent()) {
            long height = location.get().block().value();
            int position = location.get().position();
            io.vellum.blockifier.execution.Receipt receipt = receiptAt(height, position);
            out.setBlockNumber(height).setPosition(position);
            if (receipt.status() == ExecutionStatus.REVERTED) {
                return out.setState(TransactionStatus.State.FINAL_REVERTED)
                        .setReason(receipt.revertReason().orElse("")).build();
            }
            return out.setState(TransactionStatus.State.FINAL_SUCCEEDED).build();
        }
        if (received.contains(hash)) {
            return out.setState(TransactionStatus.State.RECEIVED).build();
        }
        return out.setState(TransactionStatus.State.UNKNOWN).build();
    }

    private io.vellum.blockifier.execution.Receipt receiptAt(long height, int position) {
        List<io.vellum.blockifier.execution.Receipt> receipts = node.chain().receipts(height)
                .orElseThrow(() -> new IllegalStateException("block " + height + " has no receipts stored"));
        if (position >= receipts.size()) {
            throw new IllegalStateException("block " + height + " has " + receipts.size() + " receipts, not "
                    + (position + 1));
        }
        return receipts.get(position);
    }

    @Override
    public void getReceipt(GetReceiptRequest request, StreamObserver<Receipt> observer) {
        Statuses.unary(observer, () -> {
            Felt hash = ApiCodec.felt(request.getTransactionHash(), "transaction_hash");
            requireOpen();
            TransactionLocation location = node.chain().store().transactionLocation(hash).orElseThrow(
                    () -> Statuses.notFound("no final transaction " + hash.toHex() + " (not final yet, rejected, "
                            + "or unknown: ask for its status)"));
            long height = location.block().value();
            return ApiCodec.receipt(receiptAt(height, location.position()), height, location.position());
        });
    }

    // -------------------------------------------------------------------------------------------------------------
    // Blocks.

    @Override
    public void getBlock(GetBlockRequest request, StreamObserver<Block> observer) {
        Statuses.unary(observer, () -> {
            requireOpen();
            RocksCoreStore chain = node.chain();
            long height = switch (request.getSelectorCase()) {
                case NUMBER -> request.getNumber();
                case LATEST -> {
                    if (!request.getLatest()) {
                        throw new InvalidRequestException("latest", "must be true when it is the selector");
                    }
                    yield chain.finalHeight();
                }
                case BLOCK_HASH -> {
                    Felt hash = ApiCodec.felt(request.getBlockHash(), "block_hash");
                    OptionalLong found = hashes.heightOf(hash);
                    if (found.isEmpty()) {
                        throw Statuses.notFound("no committed block has hash " + hash.toHex()
                                + " (a block's hash is known once the committer has computed it)");
                    }
                    yield found.getAsLong();
                }
                case SELECTOR_NOT_SET -> throw new InvalidRequestException("selector",
                        "missing: set number, block_hash or latest");
            };
            return block(chain, height, request.getWithReceipts());
        });
    }

    /** Final block {@code height} as the API sends it; NOT_FOUND above the head. */
    private Block block(RocksCoreStore chain, long height, boolean withReceipts) {
        if (height < 0 || height > chain.finalHeight()) {
            throw Statuses.notFound("no final block " + height + " (the head is " + chain.finalHeight() + ")");
        }
        var store = chain.store();
        if (height == 0) {
            Block.Builder genesis = Block.newBuilder().setNumber(0);
            store.commitment(new BlockNumber(0)).ifPresent(c -> genesis.setBlockHash(ApiCodec.hex(c.blockHash()))
                    .setStateRoot(ApiCodec.hex(c.stateRoot())));
            return genesis.build();
        }
        StoredBlockHeader header = chain.blockHeader(height)
                .orElseThrow(() -> Statuses.notFound("no final block " + height));
        Optional<Felt> parentHash = store.commitment(new BlockNumber(height - 1)).map(c -> c.blockHash());
        Block.Builder out = ApiCodec.block(header, store.commitment(new BlockNumber(height)), parentHash);
        List<io.vellum.blockifier.execution.Receipt> receipts = chain.receipts(height).orElse(List.of());
        for (int i = 0; i < receipts.size(); i++) {
            out.addTransactionHashes(receipts.get(i).transactionHash().toHex());
            if (withReceipts) {
                out.addReceipts(ApiCodec.receipt(receipts.get(i), height, i));
            }
        }
        if (withReceipts) {
            chain.block(height).ifPresent(stored -> stored.rejected().keySet().stream().map(Felt::toHex).sorted()
                    .forEach(out::addRejectedTransactionHashes));
        }
        node.proverQueue().job(height).filter(job -> job.status() == ProverJob.Status.PROVEN).ifPresent(job -> {
            out.setProven(true);
            if (!job.proofDigest().equals(Felt.ZERO)) {
                out.setProofDigest(job.proofDigest().toHex());
            }
        });
        return out.build();
    }

    // -------------------------------------------------------------------------------------------------------------
    // State.

    @Override
    public void getNonce(GetNonceRequest request, StreamObserver<GetNonceResponse> observer) {
        Statuses.unary(observer, () -> {
            ContractAddress address = ApiCodec.address(request.getContractAddress(), "contract_address");
            requireOpen();
            try (StateView view = view(request.hasBlockNumber() ? OptionalLong.of(request.getBlockNumber())
                    : OptionalLong.empty())) {
                return GetNonceResponse.newBuilder().setNonce(view.nonceAt(address).value().toHex()).build();
            }
        });
    }

    @Override
    public void getStorageAt(GetStorageAtRequest request, StreamObserver<GetStorageAtResponse> observer) {
        Statuses.unary(observer, () -> {
            ContractAddress address = ApiCodec.address(request.getContractAddress(), "contract_address");
            StorageKey key;
            try {
                key = new StorageKey(ApiCodec.felt(request.getKey(), "key"));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("key", e.getMessage());
            }
            requireOpen();
            try (StateView view = view(request.hasBlockNumber() ? OptionalLong.of(request.getBlockNumber())
                    : OptionalLong.empty())) {
                return GetStorageAtResponse.newBuilder().setValue(view.storageAt(address, key).toHex()).build();
            }
        });
    }

    @Override
    public void call(CallRequest request, StreamObserver<CallResponse> observer) {
        Statuses.unary(observer, () -> {
            ContractAddress address = ApiCodec.address(request.getContractAddress(), "contract_address");
            Felt selector = selector(request.getEntryPointSelector());
            List<Felt> calldata = ApiCodec.felts(request.getCalldataList(), "calldata", ApiCodec.CALLDATA_FELTS_MAX);
            requireOpen();
            NodeConfig config = node.config();
            TransactionExecutor executor = new TransactionExecutor(StandardContracts.registry(), config.execution());
            try (StateView view = view(request.hasBlockNumber() ? OptionalLong.of(request.getBlockNumber())
                    : OptionalLong.empty())) {
                long height = view.block().map(BlockNumber::value).orElse(0L);
                BlockContext context = new BlockContext(new BlockNumber(height + 1), clock.millis() / 1_000,
                        config.sequencerAddress(), config.core().gasPrices(), config.core().chainId(),
                        config.core().feeTokenAddress());
                List<Felt> result;
                try {
                    result = executor.call(new CachedState(view), context, address, selector, calldata);
                } catch (ExecutionException failure) {
                    if (failure.error() instanceof ExecutionError.UnknownContract) {
                        throw Statuses.notFound("no contract at " + address + ": " + failure.revertReason());
                    }
                    throw Status.FAILED_PRECONDITION.withDescription("the call failed: " + failure.revertReason())
                            .asRuntimeException();
                }
                return CallResponse.newBuilder().addAllResult(ApiCodec.hex(result)).build();
            }
        });
    }

    private static Felt selector(String text) {
        if (text.isEmpty()) {
            throw new InvalidRequestException("entry_point_selector", "missing (a felt or an entry point name)");
        }
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return ApiCodec.felt(text, "entry_point_selector");
        }
        if (!ENTRY_POINT_NAME.matcher(text).matches()) {
            throw new InvalidRequestException("entry_point_selector", "neither a felt nor an entry point name");
        }
        return Selectors.fromName(text);
    }

    /** The state after a block (NOT_FOUND above the head), or the latest. */
    private StateView view(OptionalLong height) {
        var store = node.chain().store();
        if (height.isEmpty()) {
            return store.latest();
        }
        long head = node.chain().finalHeight();
        if (height.getAsLong() > head) {
            throw Statuses.notFound("no block " + height.getAsLong() + " yet (the head is " + head + ")");
        }
        return store.at(new BlockNumber(height.getAsLong()));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Node status.

    @Override
    public void getNodeStatus(GetNodeStatusRequest request, StreamObserver<NodeStatus> observer) {
        Statuses.unary(observer, () -> {
            ConsensusNode consensus = node.consensus();
            NodeStatus.Builder out = NodeStatus.newBuilder().setNodeId(consensus.id().value())
                    .setChainId(node.config().core().chainId().value().toHex())
                    .setFeeTokenAddress(node.config().core().feeTokenAddress().value().toHex())
                    .setL2GasPriceFri(node.config().core().gasPrices().l2GasPriceFri().toHex());
            if (!node.isRunning() || shutDown.get()) {
                return out.setRole("STOPPED").build();
            }
            Optional<ReplicatedState> state = consensus.replicatedState();
            boolean voter = state.map(s -> s.voter(consensus.id()).isPresent()).orElse(false);
            String role;
            if (consensus.isLeader()) {
                role = "LEADER";
            } else if (!voter) {
                role = "LEARNER";
            } else if (consensus.leader().isPresent()) {
                role = "FOLLOWER";
            } else {
                role = "CANDIDATE";
            }
            out.setRole(role)
                    .setTerm(consensus.read(SequencerCore::term).orElse(0L))
                    .setLeader(consensus.leader().map(id -> id.value()).orElse(""))
                    .setFinalHeight(Math.max(0, consensus.finalHeight()))
                    .setPendingTransactions(consensus.read(SequencerCore::pendingCount).orElse(0))
                    .setAppliedIndex(Math.max(0, consensus.raftAppliedIndex()))
                    .setCommitterLagBlocks(node.committer().lagBlocks());
            QueueStatus queue = node.proverQueue().status();
            out.setCommittedHeight(Math.max(0, queue.committedHeight()))
                    .setProvenHeight(Math.max(0, queue.provenHeight()))
                    .setProverQueueDepth(queue.depth());
            state.ifPresent(s -> s.voters().forEach((Member m) -> out.addVoters(m.id().value())));
            return out.build();
        });
    }

    // -------------------------------------------------------------------------------------------------------------
    // Streams.

    @Override
    public void streamFinalBlocks(StreamFinalBlocksRequest request, StreamObserver<Block> observer) {
        ServerCallStreamObserver<Block> call = (ServerCallStreamObserver<Block>) observer;
        if (shutDown.get() || !node.isRunning()) {
            observer.onError(Status.UNAVAILABLE.withDescription("the node is shutting down").asRuntimeException());
            return;
        }
        if (streams.size() >= api.streamsMax()) {
            observer.onError(Status.RESOURCE_EXHAUSTED.withDescription(api.streamsMax()
                    + " block streams are open already; retry later").asRuntimeException());
            return;
        }
        BlockStream stream = new BlockStream(call, Math.max(1, request.getFromNumber()), request.getWithReceipts());
        streams.add(stream);
        call.setOnCancelHandler(() -> {
            stream.cancelled = true;
            streams.remove(stream);
        });
        call.setOnReadyHandler(stream::schedule);
        stream.schedule();
    }

    private void onNotification(Notification notification) {
        if (notification instanceof Notification.BlockFinalized) {
            for (BlockStream stream : streams) {
                stream.schedule();
            }
        }
    }

    /**
     * One open stream. Its sending runs on the scheduler thread only ({@link #pump}); other threads only schedule
     * it. {@code nextHeight}, {@code live} are the pump's.
     */
    private final class BlockStream {
        private final ServerCallStreamObserver<Block> call;
        private final boolean withReceipts;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile boolean ended;
        private volatile long nextHeight;
        /** Whether it has caught up with the head once (from then on, falling behind cancels it). */
        private boolean live;

        BlockStream(ServerCallStreamObserver<Block> call, long fromHeight, boolean withReceipts) {
            this.call = call;
            this.nextHeight = fromHeight;
            this.withReceipts = withReceipts;
        }

        void schedule() {
            if (ended || cancelled || !scheduled.compareAndSet(false, true)) {
                return;
            }
            try {
                scheduler.execute(this::pump);
            } catch (RuntimeException closing) {
                scheduled.set(false);
            }
        }

        private void pump() {
            scheduled.set(false);
            if (ended || cancelled) {
                return;
            }
            try {
                RocksCoreStore chain = node.chain();
                long head = chain.finalHeight();
                if (live && head - nextHeight + 1 > api.streamBufferBlocksMax()) {
                    metrics.slowStreamCancelled();
                    end(Status.RESOURCE_EXHAUSTED.withDescription("the client fell " + (head - nextHeight + 1)
                            + " blocks behind (at most " + api.streamBufferBlocksMax() + "); resume from block "
                            + nextHeight));
                    return;
                }
                int sent = 0;
                while (nextHeight <= head && call.isReady() && !cancelled && sent < STREAM_STEP_BLOCKS) {
                    call.onNext(block(chain, nextHeight, withReceipts));
                    nextHeight++;
                    sent++;
                }
                if (nextHeight > head) {
                    live = true;
                } else if (call.isReady() && !cancelled) {
                    schedule(); // more to send: another step, after other streams had theirs
                }
            } catch (RuntimeException e) {
                end(Statuses.toStatus(e).getStatus());
            }
        }

        void end(Status status) {
            if (ended) {
                return;
            }
            ended = true;
            streams.remove(this);
            try {
                call.onError(status.asRuntimeException());
            } catch (RuntimeException e) {
                LOG.debug("ending a stream failed (the client left?)", e);
            }
        }
    }

    private void requireOpen() {
        if (shutDown.get()) {
            throw Status.UNAVAILABLE.withDescription("the node is shutting down").asRuntimeException();
        }
    }
}
