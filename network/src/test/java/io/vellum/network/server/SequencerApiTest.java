package io.vellum.network.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.network.api.Block;
import io.vellum.network.api.CallRequest;
import io.vellum.network.api.GetBlockRequest;
import io.vellum.network.api.GetNonceRequest;
import io.vellum.network.api.GetReceiptRequest;
import io.vellum.network.api.GetStorageAtRequest;
import io.vellum.network.api.GetTransactionStatusRequest;
import io.vellum.network.api.InvokeTransaction.Builder;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.Receipt;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.SubmitTransactionsRequest;
import io.vellum.network.api.Transaction;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.client.VellumClient;
import io.vellum.network.node.ApiCluster;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sequencer service on a real 3-node cluster (Ratis and gRPC on loopback, RocksDB), shared by the class: every
 * call, good and bad requests, on the leader and on followers. Each test uses its own accounts, so the tests are
 * independent of their order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SequencerApiTest {
    private static final Duration FINAL_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private ApiCluster cluster;
    private ManagedChannel rawChannel;
    private SequencerGrpc.SequencerBlockingStub raw;

    @BeforeAll
    void start() throws Exception {
        cluster = ApiCluster.start(ApiCluster.Options.of(3, 12), dir, 0x5e9_a71L);
        rawChannel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.node(0).publicPort()).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        raw = SequencerGrpc.newBlockingStub(rawChannel);
    }

    @AfterAll
    void stop() {
        if (rawChannel != null) {
            rawChannel.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private SequencerGrpc.SequencerBlockingStub raw() {
        return raw.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aTransferSubmittedToAFollowerIsOrderedThenFinalWithReceiptBlockNonceAndBalance() throws Exception {
        int follower = cluster.follower();
        VellumClient client = cluster.client(follower);
        VellumClient.Account from = cluster.account(0);
        ContractAddress to = cluster.account(1).address();
        BigInteger before = client.balance(to);

        ExecutableTransaction transfer = client.signTransfer(from, to, BigInteger.valueOf(1_234), 0,
                VellumClient.DEFAULT_FEES);
        SubmitResult result = client.submit(transfer);
        assertThat(result.getOutcome()).as(result.getReason()).isEqualTo(SubmitResult.Outcome.ORDERED);
        assertThat(result.getTransactionHash()).isEqualTo(transfer.hash().toHex());

        TransactionStatus status = client.awaitFinal(transfer.hash(), FINAL_TIMEOUT);
        assertThat(status.getState()).isEqualTo(TransactionStatus.State.FINAL_SUCCEEDED);
        long height = status.getBlockNumber();
        assertThat(height).isPositive();

        // Every node agrees once it has the block.
        for (int i = 0; i < cluster.size(); i++) {
            VellumClient other = cluster.client(i);
            TransactionStatus seen = other.awaitFinal(transfer.hash(), FINAL_TIMEOUT);
            assertThat(seen.getBlockNumber()).isEqualTo(height);
            Receipt receipt = other.receipt(transfer.hash()).orElseThrow();
            assertThat(receipt.getBlockNumber()).isEqualTo(height);
            assertThat(receipt.getPosition()).isEqualTo(seen.getPosition());
            assertThat(receipt.getReverted()).isFalse();
            assertThat(receipt.getType()).isEqualTo("INVOKE");
            assertThat(Felt.fromHex(receipt.getActualFee()).toBigInteger()).isPositive();
            assertThat(receipt.getEventsCount()).isGreaterThanOrEqualTo(1);
        }
        assertThat(client.balance(to)).isEqualTo(before.add(BigInteger.valueOf(1_234)));
        assertThat(client.nonce(from.address()).value()).isEqualTo(Felt.ONE);

        Block block = client.block(height, true).orElseThrow();
        assertThat(block.getNumber()).isEqualTo(height);
        assertThat(block.getTransactionHashesList()).contains(transfer.hash().toHex());
        assertThat(block.getReceiptsList()).extracting(Receipt::getTransactionHash).contains(transfer.hash().toHex());
        assertThat(block.getTransactionHashesCount()).isEqualTo(block.getReceiptsCount());
        assertThat(block.getProposalCommitment()).startsWith("0x");
        assertThat(block.getStarknetVersion()).isEqualTo("0.14.0");
        assertThat(client.block(height, false).orElseThrow().getReceiptsCount()).isZero();
        assertThat(client.latestBlock(false).getNumber()).isGreaterThanOrEqualTo(height);

        // The committer computes the block hash and state root after finality; then the block is found by hash.
        await().atMost(FINAL_TIMEOUT).until(() -> !client.block(height, false).orElseThrow().getBlockHash().isEmpty());
        Block committed = client.block(height, false).orElseThrow();
        assertThat(committed.getStateRoot()).startsWith("0x");
        Block byHash = client.block(Felt.fromHex(committed.getBlockHash()), false).orElseThrow();
        assertThat(byHash.getNumber()).isEqualTo(height);
        if (height > 1) {
            await().atMost(FINAL_TIMEOUT).until(() -> !client.block(height - 1, false).orElseThrow().getBlockHash()
                    .isEmpty());
            assertThat(committed.getParentBlockHash())
                    .isEqualTo(client.block(height - 1, false).orElseThrow().getBlockHash());
        }

        // The nonce and balance at a height: before the block and after it.
        String sender = from.address().value().toHex();
        assertThat(raw().getNonce(GetNonceRequest.newBuilder().setContractAddress(sender)
                .setBlockNumber(height - 1).build()).getNonce()).isEqualTo("0x0");
        assertThat(raw().getNonce(GetNonceRequest.newBuilder().setContractAddress(sender)
                .setBlockNumber(height).build()).getNonce()).isEqualTo("0x1");
        Felt balanceKey = Selectors.storageVarAddress("ERC20_balances", to.value());
        String low = raw().getStorageAt(GetStorageAtRequest.newBuilder()
                .setContractAddress(cluster.chain.feeToken().value().toHex()).setKey(balanceKey.toHex()).build())
                .getValue();
        assertThat(Felt.fromHex(low).toBigInteger()).isEqualTo(before.add(BigInteger.valueOf(1_234)));
        String lowBefore = raw().getStorageAt(GetStorageAtRequest.newBuilder()
                .setContractAddress(cluster.chain.feeToken().value().toHex()).setKey(balanceKey.toHex())
                .setBlockNumber(height - 1).build()).getValue();
        assertThat(Felt.fromHex(lowBefore).toBigInteger()).isEqualTo(before);

        // A read-only call by selector felt gives what the call by name gives.
        List<String> byName = raw().call(CallRequest.newBuilder().setContractAddress(
                cluster.chain.feeToken().value().toHex()).setEntryPointSelector("balance_of")
                .addCalldata(to.value().toHex()).build()).getResultList();
        List<String> bySelector = raw().call(CallRequest.newBuilder().setContractAddress(
                cluster.chain.feeToken().value().toHex()).setEntryPointSelector(
                        Selectors.fromName("balanceOf").toHex()).addCalldata(to.value().toHex()).build())
                .getResultList();
        assertThat(byName).isEqualTo(bySelector).hasSize(2);
    }

    @Test
    void manyTransactionsInOneCallFromOneAccountAreOrderedInNonceOrder() throws Exception {
        VellumClient client = cluster.client(0);
        VellumClient.Account from = cluster.account(2);
        List<ExecutableTransaction> batch = new ArrayList<>();
        for (int nonce = 0; nonce < 20; nonce++) {
            batch.add(client.signTransfer(from, cluster.account(3).address(), BigInteger.TEN, nonce,
                    VellumClient.DEFAULT_FEES));
        }
        List<SubmitResult> results = client.submit(batch);
        assertThat(results).hasSize(20).allSatisfy(r -> assertThat(r.getOutcome()).as(r.getReason())
                .isEqualTo(SubmitResult.Outcome.ORDERED));
        for (ExecutableTransaction transaction : batch) {
            assertThat(client.awaitFinal(transaction.hash(), FINAL_TIMEOUT).getState())
                    .isEqualTo(TransactionStatus.State.FINAL_SUCCEEDED);
        }
        assertThat(client.nonce(from.address()).value()).isEqualTo(Felt.of(20));

        // The same transactions again: each is refused now (nonce used), so the whole call is.
        assertThatThrownBy(() -> client.submit(batch.subList(0, 3)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("nonce");
                });
    }

    @Test
    void aRevertedTransactionIsFinalRevertedWithItsReason() throws Exception {
        VellumClient client = cluster.client(1);
        VellumClient.Account from = cluster.account(4);
        // A transfer of more than the balance (but fee bound covered): executes, reverts, charges the fee.
        ExecutableTransaction tooMuch = client.signTransfer(from, cluster.account(5).address(),
                TestChain.DEFAULT_BALANCE.multiply(BigInteger.TWO), 0, VellumClient.DEFAULT_FEES);
        assertThat(client.submit(tooMuch).getOutcome()).isEqualTo(SubmitResult.Outcome.ORDERED);
        TransactionStatus status = client.awaitFinal(tooMuch.hash(), FINAL_TIMEOUT);
        assertThat(status.getState()).isEqualTo(TransactionStatus.State.FINAL_REVERTED);
        assertThat(status.getReason()).isNotEmpty();
        Receipt receipt = client.receipt(tooMuch.hash()).orElseThrow();
        assertThat(receipt.getReverted()).isTrue();
        assertThat(receipt.getRevertReason()).isEqualTo(status.getReason());
        assertThat(client.nonce(from.address()).value()).isEqualTo(Felt.ONE);
    }

    @Test
    void anUnknownTransactionIsUnknownAndHasNoReceipt() {
        Felt unknown = Felt.fromHex("0x1234567");
        assertThat(cluster.client(2).status(unknown).getState()).isEqualTo(TransactionStatus.State.UNKNOWN);
        assertThat(cluster.client(2).receipt(unknown)).isEmpty();
        assertThat(cluster.client(2).block(1_000_000, false)).isEmpty();
        assertThat(cluster.client(2).block(Felt.fromHex("0xdeadbeef"), false)).isEmpty();
    }

    @Test
    void everyNodeReportsItsStatus() throws Exception {
        int leader = cluster.awaitLeader(Duration.ofSeconds(10));
        for (int i = 0; i < cluster.size(); i++) {
            NodeStatus status = cluster.client(i).nodeStatus();
            assertThat(status.getNodeId()).isEqualTo("n" + i);
            assertThat(status.getRole()).isEqualTo(i == leader ? "LEADER" : "FOLLOWER");
            assertThat(status.getLeader()).isEqualTo("n" + leader);
            assertThat(status.getTerm()).isPositive();
            assertThat(status.getVotersList()).containsExactly("n0", "n1", "n2");
            assertThat(status.getChainId()).isEqualTo(TestChain.CHAIN_ID.value().toHex());
            assertThat(status.getFeeTokenAddress()).isEqualTo(cluster.chain.feeToken().value().toHex());
            assertThat(status.getAppliedIndex()).isPositive();
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Bad requests: each gets its status, naming the field, and the node stays up.

    private Transaction validTransfer(int account, long nonce) {
        VellumClient client = cluster.client(0);
        ExecutableTransaction transfer = client.signTransfer(cluster.account(account), cluster.account(11).address(),
                BigInteger.ONE, nonce, VellumClient.DEFAULT_FEES);
        return ApiCodec.toProto(transfer.transaction());
    }

    private Transaction withInvoke(Transaction valid, Consumer<Builder> change) {
        Builder invoke = valid.getInvoke().toBuilder();
        change.accept(invoke);
        return valid.toBuilder().setInvoke(invoke).build();
    }

    private void assertRefused(SubmitTransactionsRequest request, Status.Code code, String... descriptionParts) {
        assertThatThrownBy(() -> raw().submitTransactions(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).as(String.valueOf(e.getStatus())).isEqualTo(code);
                    if (descriptionParts.length > 0) {
                        assertThat(e.getStatus().getDescription()).contains(descriptionParts);
                    }
                });
    }

    private static SubmitTransactionsRequest submit(Transaction... transactions) {
        return SubmitTransactionsRequest.newBuilder().addAllTransactions(List.of(transactions)).build();
    }

    @Test
    void malformedSubmissionsAreInvalidArgumentNamingTheField() {
        Transaction valid = validTransfer(6, 0);
        assertRefused(submit(), Status.Code.INVALID_ARGUMENT, "transactions", "empty");
        assertRefused(submit(Transaction.getDefaultInstance()), Status.Code.INVALID_ARGUMENT, "transactions[0]",
                "kind");
        assertRefused(submit(valid, withInvoke(valid, b -> b.clearSenderAddress())), Status.Code.INVALID_ARGUMENT,
                "transactions[1].invoke.sender_address", "missing");
        assertRefused(submit(withInvoke(valid, b -> b.setCalldata(1, "0xZZ"))), Status.Code.INVALID_ARGUMENT,
                "transactions[0].invoke.calldata[1]");
        assertRefused(submit(withInvoke(valid, b -> b.setNonce("12"))), Status.Code.INVALID_ARGUMENT,
                "transactions[0].invoke.nonce", "0x");
        assertRefused(submit(withInvoke(valid, b -> b.setNonce("0x" + "f".repeat(64)))),
                Status.Code.INVALID_ARGUMENT, "transactions[0].invoke.nonce");
        assertRefused(submit(withInvoke(valid, b -> b.clearFields())), Status.Code.INVALID_ARGUMENT,
                "transactions[0].invoke.fields", "missing");
        assertRefused(submit(withInvoke(valid, b -> b.setFields(b.getFields().toBuilder().setTip("0x1" + "0".repeat(16))))),
                Status.Code.INVALID_ARGUMENT, "transactions[0].invoke.fields.tip");
        assertRefused(submit(withInvoke(valid, b -> b.setFields(b.getFields().toBuilder()
                .setNonceDataAvailabilityModeValue(7)))), Status.Code.INVALID_ARGUMENT, "nonce_data_availability_mode");
        List<String> tooLong = new ArrayList<>();
        for (int i = 0; i < ApiCodec.CALLDATA_FELTS_MAX + 1; i++) {
            tooLong.add("0x1");
        }
        assertRefused(submit(withInvoke(valid, b -> b.clearCalldata().addAllCalldata(tooLong))),
                Status.Code.INVALID_ARGUMENT, "transactions[0].invoke.calldata", "at most");
        List<String> longSignature = new ArrayList<>();
        for (int i = 0; i < ApiCodec.SIGNATURE_FELTS_MAX + 1; i++) {
            longSignature.add("0x2");
        }
        assertRefused(submit(withInvoke(valid, b -> b.clearSignature().addAllSignature(longSignature))),
                Status.Code.INVALID_ARGUMENT, "transactions[0].invoke.signature");
        assertRefused(submit(valid, valid), Status.Code.INVALID_ARGUMENT, "transactions[1]", "transactions[0]");
        SubmitTransactionsRequest.Builder tooMany = SubmitTransactionsRequest.newBuilder();
        for (int i = 0; i < 1_001; i++) {
            tooMany.addTransactions(valid);
        }
        assertRefused(tooMany.build(), Status.Code.INVALID_ARGUMENT, "transactions", "1001", "at most 1000");
        assertNodesUp();
    }

    @Test
    void aBadSignatureOrAnotherChainIsInvalidArgumentAndNothingIsSubmitted() {
        Transaction valid = validTransfer(7, 0);
        // Signed by another key.
        InvokeTransaction unsigned = (InvokeTransaction) ApiCodec.transaction(validTransfer(7, 1), "t");
        ExecutableTransaction forged = TestChain.sign(unsigned.withSignature(List.of()), Felt.of(424_242));
        assertRefused(submit(valid, ApiCodec.toProto(forged.transaction())), Status.Code.INVALID_ARGUMENT,
                "transactions[1]", "INVALID_SIGNATURE");
        // A mangled signature.
        assertRefused(submit(withInvoke(valid, b -> b.setSignature(0, "0x1"))), Status.Code.INVALID_ARGUMENT,
                "INVALID_SIGNATURE");
        // Another chain, said outright.
        assertRefused(submit(valid.toBuilder().setChainId(Felt.fromShortString("SN_MAIN").toHex()).build()),
                Status.Code.INVALID_ARGUMENT, "transactions[0].chain_id", "wrong chain id");
        // Our chain, said outright: fine.
        SubmitResult ok = raw().submitTransactions(submit(valid.toBuilder()
                .setChainId(TestChain.CHAIN_ID.value().toHex()).build())).getResults(0);
        assertThat(ok.getOutcome()).as(ok.getReason()).isEqualTo(SubmitResult.Outcome.ORDERED);
        // Nothing of the refused calls reached the log: the account's one transaction is the valid one.
        assertThat(cluster.client(0).status(forged.hash()).getState()).isEqualTo(TransactionStatus.State.UNKNOWN);
        assertNodesUp();
    }

    @Test
    void aFeeBoundAboveTheBalanceOrAnUndeployedAccountIsFailedPrecondition() {
        Transaction valid = validTransfer(8, 0);
        VellumClient client = cluster.client(0);
        ExecutableTransaction expensive = client.signTransfer(cluster.account(8), cluster.account(11).address(),
                BigInteger.ONE, 0, new VellumClient.Fees(Long.MAX_VALUE / 2, 1_000_000_000L, 0));
        assertRefused(submit(ApiCodec.toProto(expensive.transaction())), Status.Code.FAILED_PRECONDITION,
                "INSUFFICIENT_BALANCE_FOR_FEE_BOUND");
        assertRefused(submit(withInvoke(valid, b -> b.setSenderAddress("0x7777777"))),
                Status.Code.FAILED_PRECONDITION, "ACCOUNT_NOT_DEPLOYED");
        assertNodesUp();
    }

    @Test
    void aMessageOverTheSizeLimitIsResourceExhaustedAndTheNodeStaysUp() {
        Transaction valid = validTransfer(9, 0);
        String huge = "0x" + "1".repeat(60);
        SubmitTransactionsRequest.Builder request = SubmitTransactionsRequest.newBuilder();
        Transaction big = withInvoke(valid, b -> {
            for (int i = 0; i < 4_000; i++) {
                b.addAccountDeploymentData(huge);
            }
        });
        while (request.build().getSerializedSize() < 5 * 1024 * 1024) {
            request.addTransactions(big);
        }
        assertRefused(request.build(), Status.Code.RESOURCE_EXHAUSTED);
        assertNodesUp();
    }

    @Test
    void badReadsGetTheirStatus() {
        String feeToken = cluster.chain.feeToken().value().toHex();
        List<Runnable> calls = List.of(
                () -> raw().getBlock(GetBlockRequest.getDefaultInstance()),
                () -> raw().getBlock(GetBlockRequest.newBuilder().setLatest(false).build()),
                () -> raw().getBlock(GetBlockRequest.newBuilder().setBlockHash("nope").build()),
                () -> raw().getReceipt(GetReceiptRequest.getDefaultInstance()),
                () -> raw().getTransactionStatus(GetTransactionStatusRequest.newBuilder().setTransactionHash("0x")
                        .build()),
                () -> raw().getNonce(GetNonceRequest.newBuilder().setContractAddress("0xg").build()),
                () -> raw().getStorageAt(GetStorageAtRequest.newBuilder().setContractAddress(feeToken).build()),
                () -> raw().call(CallRequest.newBuilder().setContractAddress(feeToken).setEntryPointSelector("no way")
                        .build()),
                () -> raw().call(CallRequest.newBuilder().setContractAddress(feeToken).build()));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).as(String.valueOf(e.getStatus()))
                            .isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
        List<Runnable> absent = List.of(
                () -> raw().getBlock(GetBlockRequest.newBuilder().setNumber(1L << 40).build()),
                () -> raw().getReceipt(GetReceiptRequest.newBuilder().setTransactionHash("0xabc").build()),
                () -> raw().getNonce(GetNonceRequest.newBuilder().setContractAddress(feeToken)
                        .setBlockNumber(1L << 40).build()),
                () -> raw().call(CallRequest.newBuilder().setContractAddress("0x4242").setEntryPointSelector("x")
                        .build()));
        for (Runnable call : absent) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).as(String.valueOf(e.getStatus()))
                            .isEqualTo(Status.Code.NOT_FOUND));
        }
        assertThatThrownBy(() -> raw().call(CallRequest.newBuilder().setContractAddress(feeToken)
                .setEntryPointSelector("no_such_entry_point").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                        .isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertNodesUp();
    }

    private void assertNodesUp() {
        for (int i = 0; i < cluster.size(); i++) {
            assertThat(cluster.node(i).isRunning()).isTrue();
            assertThat(cluster.client(i).nodeStatus().getRole()).isIn("LEADER", "FOLLOWER");
        }
    }

}
