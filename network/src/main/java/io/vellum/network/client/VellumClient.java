package io.vellum.network.client;

import io.grpc.ChannelCredentials;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.contracts.Multicall;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.V3Fields;
import io.vellum.network.api.Block;
import io.vellum.network.api.CallRequest;
import io.vellum.network.api.GetBlockRequest;
import io.vellum.network.api.GetNodeStatusRequest;
import io.vellum.network.api.GetNonceRequest;
import io.vellum.network.api.GetReceiptRequest;
import io.vellum.network.api.GetStorageAtRequest;
import io.vellum.network.api.GetTransactionStatusRequest;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.Receipt;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.SubmitTransactionsRequest;
import io.vellum.network.api.StreamFinalBlocksRequest;
import io.vellum.network.api.SubmitTransactionsResponse;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.server.ApiCodec;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.grpc.stub.StreamObserver;

/**
 * A typed client of one node's Sequencer service: submit transactions (a signed STRK transfer built from an account
 * key in one call), then read statuses, receipts, blocks, nonces, balances and the node's status.
 *
 * <h2>Errors</h2>
 * Every method throws {@link StatusRuntimeException} when the node answers with an error status; the status code
 * says what to do next ({@code docs/api.md}): {@code INVALID_ARGUMENT} fix the request, {@code FAILED_PRECONDITION}
 * don't resend as is, {@code RESOURCE_EXHAUSTED} back off, {@code UNAVAILABLE} retry (maybe elsewhere). Reads of
 * something absent return {@link Optional#empty()} rather than throwing {@code NOT_FOUND}. Every call has a deadline
 * ({@link #callTimeout}); a call that passes it is {@code DEADLINE_EXCEEDED}.
 *
 * <p>Thread-safe (gRPC channels and stubs are). {@link #close()} shuts the channel down if this client opened it.
 */
public final class VellumClient implements AutoCloseable {
    /** Default fee bounds of a transfer: L2 gas only, generous for a transfer. */
    public static final Fees DEFAULT_FEES = new Fees(3_000_000, 0, 0);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(15);

    /** An account this client signs for: its address and Stark private key. */
    public record Account(ContractAddress address, Felt privateKey) {
        public Account {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(privateKey, "privateKey");
            if (privateKey.isZero()) {
                throw new IllegalArgumentException("the private key must not be zero");
            }
        }

        public Felt publicKey() {
            return Ecdsa.publicKey(privateKey);
        }
    }

    /**
     * Fee bounds of a transaction.
     *
     * @param maxL2Gas the most L2 gas it may use
     * @param maxPricePerUnit the most it pays per L2 gas unit, in fri; 0: twice the node's L2 gas price
     * @param tip the tip
     */
    public record Fees(long maxL2Gas, long maxPricePerUnit, long tip) {
        public Fees {
            if (maxL2Gas < 0 || maxPricePerUnit < 0 || tip < 0) {
                throw new IllegalArgumentException("fee bounds must not be negative");
            }
        }
    }

    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final SequencerGrpc.SequencerBlockingStub stub;
    private final Duration callTimeout;
    /** Read once from the node: chain id, fee token and gas price. Guarded by "this". */
    private NodeStatus chainInfo;

    private VellumClient(ManagedChannel channel, boolean ownsChannel, Duration callTimeout) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.ownsChannel = ownsChannel;
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.stub = SequencerGrpc.newBlockingStub(channel);
    }

    /** A plaintext client of the node at {@code host:port}. */
    public static VellumClient connect(String host, int port) {
        return connect(host, port, InsecureChannelCredentials.create());
    }

    /** A client with the given channel credentials (TLS: {@link #tlsCredentials}). */
    public static VellumClient connect(String host, int port, ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, port, credentials)
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        return new VellumClient(channel, true, DEFAULT_CALL_TIMEOUT);
    }

    /** A client on a channel the caller owns (and closes). */
    public static VellumClient over(ManagedChannel channel) {
        return new VellumClient(channel, false, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * TLS credentials: trust {@code trustRoots} (PEM) for the server's certificate, and present a client certificate
     * when {@code clientCertificate} and {@code clientKey} are given (mutual TLS).
     */
    public static ChannelCredentials tlsCredentials(Path trustRoots, Optional<Path> clientCertificate,
            Optional<Path> clientKey) throws IOException {
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder().trustManager(trustRoots.toFile());
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("give both the client certificate and its key, or neither");
        }
        if (clientCertificate.isPresent()) {
            File certificate = clientCertificate.get().toFile();
            builder.keyManager(certificate, clientKey.get().toFile());
        }
        return builder.build();
    }

    /** This client with another per-call deadline. */
    public VellumClient withCallTimeout(Duration timeout) {
        return new VellumClient(channel, false, timeout);
    }

    /** The per-call deadline. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The channel (for the other services' stubs). */
    public ManagedChannel channel() {
        return channel;
    }

    private SequencerGrpc.SequencerBlockingStub stub() {
        return stub.withDeadline(Deadline.after(callTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Building transactions.

    /** The chain id, fee token and gas price the node serves (read once). */
    public synchronized NodeStatus chainInfo() {
        if (chainInfo == null) {
            chainInfo = nodeStatus();
        }
        return chainInfo;
    }

    public ChainId chainId() {
        return new ChainId(Felt.fromHex(chainInfo().getChainId()));
    }

    public ContractAddress feeToken() {
        return new ContractAddress(Felt.fromHex(chainInfo().getFeeTokenAddress()));
    }

    /** A signed INVOKE of {@code calls} from {@code account} with {@code nonce}, for the node's chain. */
    public ExecutableTransaction signInvoke(Account account, long nonce, Fees fees, List<Call> calls) {
        long price = fees.maxPricePerUnit() > 0 ? fees.maxPricePerUnit()
                : 2 * Felt.fromHex(chainInfo().getL2GasPriceFri()).longValueExact();
        V3Fields fields = V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(fees.maxL2Gas(), price)),
                fees.tip());
        InvokeTransaction unsigned = new InvokeTransaction(account.address(), Multicall.encode(calls), List.of(),
                Nonce.of(nonce), fields, List.of());
        ChainId chain = chainId();
        Felt hash = ExecutableTransaction.of(unsigned, chain).hash();
        return ExecutableTransaction.of(unsigned.withSignature(Ecdsa.sign(account.privateKey(), hash).toFelts()),
                chain);
    }

    /** A signed STRK transfer of {@code amount} fri from {@code from} to {@code to}, with {@code nonce}. */
    public ExecutableTransaction signTransfer(Account from, ContractAddress to, BigInteger amount, long nonce,
            Fees fees) {
        if (amount.signum() < 0 || amount.bitLength() > 256) {
            throw new IllegalArgumentException("the amount must be a u256: " + amount);
        }
        Felt low = Felt.fromBigInteger(amount.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
        Felt high = Felt.fromBigInteger(amount.shiftRight(128));
        Call transfer = new Call(feeToken(), new EntryPointSelector(Selectors.fromName("transfer")),
                List.of(to.value(), low, high));
        return signInvoke(from, nonce, fees, List.of(transfer));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Submitting.

    /** Submits transactions in one call; one result per transaction, in order. */
    public List<SubmitResult> submit(List<ExecutableTransaction> transactions) {
        SubmitTransactionsRequest.Builder request = SubmitTransactionsRequest.newBuilder();
        for (ExecutableTransaction transaction : transactions) {
            request.addTransactions(ApiCodec.toProto(transaction.transaction()));
        }
        SubmitTransactionsResponse response = stub().submitTransactions(request.build());
        return response.getResultsList();
    }

    /**
     * Submits transactions in one call without blocking: the future completes with one result per transaction, in
     * order, or exceptionally with the call's {@link StatusRuntimeException} (the call's deadline is
     * {@link #callTimeout}).
     */
    public CompletableFuture<List<SubmitResult>> submitAsync(List<ExecutableTransaction> transactions) {
        SubmitTransactionsRequest.Builder request = SubmitTransactionsRequest.newBuilder();
        for (ExecutableTransaction transaction : transactions) {
            request.addTransactions(ApiCodec.toProto(transaction.transaction()));
        }
        CompletableFuture<List<SubmitResult>> out = new CompletableFuture<>();
        SequencerGrpc.newStub(channel).withDeadline(Deadline.after(callTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .submitTransactions(request.build(), new StreamObserver<>() {
                    @Override
                    public void onNext(SubmitTransactionsResponse response) {
                        out.complete(response.getResultsList());
                    }

                    @Override
                    public void onError(Throwable error) {
                        out.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        out.completeExceptionally(new IllegalStateException("no response"));
                    }
                });
        return out;
    }

    /**
     * Streams the final blocks from {@code fromNumber} on (with receipts and rejected hashes when asked) to
     * {@code observer}, without a deadline; cancel it through the returned context's {@code cancel}.
     */
    public io.grpc.Context.CancellableContext streamFinalBlocks(long fromNumber, boolean withReceipts,
            StreamObserver<Block> observer) {
        io.grpc.Context.CancellableContext context = io.grpc.Context.current().withCancellation();
        context.run(() -> SequencerGrpc.newStub(channel).streamFinalBlocks(StreamFinalBlocksRequest.newBuilder()
                .setFromNumber(fromNumber).setWithReceipts(withReceipts).build(), observer));
        return context;
    }

    /** Submits one transaction. */
    public SubmitResult submit(ExecutableTransaction transaction) {
        return submit(List.of(transaction)).get(0);
    }

    /**
     * Sends {@code amount} fri of STRK from {@code from} to {@code to}, at the account's next nonce as the node's
     * latest state has it (for several transfers in flight from one account, use {@link #signTransfer} with your own
     * nonces).
     *
     * @return the transaction's hash; it is ordered (acknowledged)
     * @throws StatusRuntimeException the node refused it, or did not acknowledge it (UNKNOWN is UNAVAILABLE here)
     */
    public Felt transfer(Account from, ContractAddress to, BigInteger amount) {
        long nonce = nonce(from.address()).value().longValueExact();
        ExecutableTransaction transaction = signTransfer(from, to, amount, nonce, DEFAULT_FEES);
        SubmitResult result = submit(transaction);
        if (result.getOutcome() != SubmitResult.Outcome.ORDERED) {
            Status status = switch (result.getOutcome()) {
                case INVALID -> Status.INVALID_ARGUMENT;
                case REFUSED -> Status.FAILED_PRECONDITION;
                case OVERLOADED -> Status.RESOURCE_EXHAUSTED;
                default -> Status.UNAVAILABLE;
            };
            throw status.withDescription(result.getOutcome() + ": " + result.getReason()).asRuntimeException();
        }
        return transaction.hash();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reading.

    public TransactionStatus status(Felt transactionHash) {
        return stub().getTransactionStatus(GetTransactionStatusRequest.newBuilder()
                .setTransactionHash(transactionHash.toHex()).build());
    }

    /**
     * Polls the transaction's status until it is final (succeeded or reverted) or rejected, or {@code timeout}
     * passes.
     *
     * @return the last status seen (still ORDERED, RECEIVED or UNKNOWN if the timeout passed)
     */
    public TransactionStatus awaitFinal(Felt transactionHash, Duration timeout) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            TransactionStatus status = status(transactionHash);
            switch (status.getState()) {
                case FINAL_SUCCEEDED, FINAL_REVERTED, REJECTED -> {
                    return status;
                }
                default -> {
                    if (System.nanoTime() >= deadlineNanos) {
                        return status;
                    }
                    Thread.sleep(50); // a client polling a remote node, not protocol code
                }
            }
        }
    }

    /** The receipt of a final transaction; empty until it is final. */
    public Optional<Receipt> receipt(Felt transactionHash) {
        return absentIfNotFound(() -> stub().getReceipt(GetReceiptRequest.newBuilder()
                .setTransactionHash(transactionHash.toHex()).build()));
    }

    public Optional<Block> block(long number, boolean withReceipts) {
        return absentIfNotFound(() -> stub().getBlock(GetBlockRequest.newBuilder().setNumber(number)
                .setWithReceipts(withReceipts).build()));
    }

    public Optional<Block> block(Felt blockHash, boolean withReceipts) {
        return absentIfNotFound(() -> stub().getBlock(GetBlockRequest.newBuilder().setBlockHash(blockHash.toHex())
                .setWithReceipts(withReceipts).build()));
    }

    public Block latestBlock(boolean withReceipts) {
        return stub().getBlock(GetBlockRequest.newBuilder().setLatest(true).setWithReceipts(withReceipts).build());
    }

    /** The account's nonce at the latest state. */
    public Nonce nonce(ContractAddress account) {
        return new Nonce(Felt.fromHex(stub().getNonce(GetNonceRequest.newBuilder()
                .setContractAddress(account.value().toHex()).build()).getNonce()));
    }

    public Felt storageAt(ContractAddress contract, Felt key) {
        return Felt.fromHex(stub().getStorageAt(GetStorageAtRequest.newBuilder()
                .setContractAddress(contract.value().toHex()).setKey(key.toHex()).build()).getValue());
    }

    /** Runs a view entry point (by name) at the latest state. */
    public List<Felt> call(ContractAddress contract, String entryPoint, List<Felt> calldata) {
        List<String> result = stub().call(CallRequest.newBuilder().setContractAddress(contract.value().toHex())
                .setEntryPointSelector(entryPoint).addAllCalldata(ApiCodec.hex(calldata)).build()).getResultList();
        List<Felt> out = new ArrayList<>(result.size());
        result.forEach(text -> out.add(Felt.fromHex(text)));
        return out;
    }

    /** The account's STRK balance (the fee token's {@code balance_of}), in fri. */
    public BigInteger balance(ContractAddress account) {
        List<Felt> u256 = call(feeToken(), "balance_of", List.of(account.value()));
        if (u256.size() != 2) {
            throw new IllegalStateException("balance_of returned " + u256.size() + " felts, not 2 (low, high)");
        }
        return u256.get(1).toBigInteger().shiftLeft(128).or(u256.get(0).toBigInteger());
    }

    public NodeStatus nodeStatus() {
        return stub().getNodeStatus(GetNodeStatusRequest.getDefaultInstance());
    }

    private interface Read<T> {
        T get();
    }

    private static <T> Optional<T> absentIfNotFound(Read<T> read) {
        try {
            return Optional.of(read.get());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Shuts the channel down if this client opened it (waiting up to 5 s for calls in progress). */
    @Override
    public void close() {
        if (!ownsChannel) {
            return;
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
