package io.vellum.network.ingress;

import io.vellum.blockifier.contracts.StandardContracts;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.execution.Rejection;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.execution.TransactionResult;
import io.vellum.blockifier.state.CachedState;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.consensus.core.CoreConfig;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.network.server.ApiCodec;
import io.vellum.network.server.InvalidRequestException;
import io.vellum.storage.StateView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks a submitted transaction passes before it is batched into the log, on whichever node receives it.
 *
 * <ol>
 *   <li><b>Stateless</b> (no state read): every field well formed and within its size ({@link ApiCodec}), the
 *       chain id if the sender gave one, no transaction twice in one call. A failure here is a malformed request:
 *       {@link InvalidRequestException}, naming the field.</li>
 *   <li><b>Against the latest state</b> (one consistent RocksDB view for the whole call): a nonce below the
 *       account's is {@link Verdict.Refused} at once. Otherwise the blockifier's own executor runs the transaction
 *       on a throw-away overlay of the latest state in which the account's nonce is the transaction's (so a client
 *       may have several transactions of one account in flight): its validation checks the sizes against the
 *       execution limits, the L2 gas bounds and price, the account (deployed, an account class), the signature
 *       ({@code __validate__}) and that the balance covers the fee bound. What it rejects is {@link Verdict.Invalid}
 *       (the transaction itself is wrong) or {@link Verdict.Refused} (the state refuses it), by rejection code. A
 *       transaction that executes — even one that reverts — is {@link Verdict.Accepted}.</li>
 * </ol>
 * Nothing here changes the node's state. The same check runs again, for real, when the block is built: ingress is a
 * filter that keeps garbage out of the log, not a promise of inclusion.
 *
 * <p>Thread-safe: each call builds its own executor (the executor memoises storage addresses and is not
 * thread-safe) and reads through its own view.
 */
public final class Ingress {
    private final SequencerNode node;
    private final NodeConfig config;
    private final CoreConfig core;
    private final ChainId chainId;
    private final int transactionsMax;
    private final Clock clock;

    /**
     * @param node the node whose latest state transactions are checked against
     * @param transactionsMax the most transactions one call may carry
     * @param clock gives the timestamp of the block context the checks run in
     */
    public Ingress(SequencerNode node, int transactionsMax, Clock clock) {
        this.node = Objects.requireNonNull(node, "node");
        this.config = node.config();
        this.core = config.core();
        this.chainId = core.chainId();
        this.transactionsMax = transactionsMax;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The chain this node serves. */
    public ChainId chainId() {
        return chainId;
    }

    /**
     * Parses and checks a call's transactions.
     *
     * @return one verdict per transaction, in order
     * @throws InvalidRequestException the call or one of its transactions is malformed (nothing of it is submitted)
     */
    public List<Verdict> check(List<io.vellum.network.api.Transaction> messages) {
        List<ExecutableTransaction> parsed = parse(messages);
        List<Verdict> verdicts = new ArrayList<>(parsed.size());
        TransactionExecutor executor = new TransactionExecutor(StandardContracts.registry(), config.execution());
        try (StateView latest = node.chain().store().latest()) {
            long nextHeight = latest.block().map(BlockNumber::value).orElse(0L) + 1;
            BlockContext context = new BlockContext(new BlockNumber(nextHeight),
                    Math.max(0, clock.millis() / 1_000), config.sequencerAddress(), core.gasPrices(), chainId,
                    core.feeTokenAddress());
            for (ExecutableTransaction transaction : parsed) {
                verdicts.add(checkState(executor, latest, context, transaction));
            }
        }
        return verdicts;
    }

    /** The stateless part: parses every transaction and hashes it for this chain. */
    List<ExecutableTransaction> parse(List<io.vellum.network.api.Transaction> messages) {
        if (messages.isEmpty()) {
            throw new InvalidRequestException("transactions", "empty: at least one transaction is required");
        }
        if (messages.size() > transactionsMax) {
            throw new InvalidRequestException("transactions", messages.size() + " transactions, at most "
                    + transactionsMax + " per call");
        }
        List<ExecutableTransaction> out = new ArrayList<>(messages.size());
        Map<Felt, Integer> seen = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            String field = "transactions[" + i + "]";
            io.vellum.network.api.Transaction message = messages.get(i);
            if (!message.getChainId().isEmpty()) {
                Felt claimed = ApiCodec.felt(message.getChainId(), field + ".chain_id");
                if (!claimed.equals(chainId.value())) {
                    throw new InvalidRequestException(field + ".chain_id", "wrong chain id " + claimed.toHex()
                            + ": this node serves " + chainId + " (" + chainId.value().toHex() + ")");
                }
            }
            Transaction transaction = ApiCodec.transaction(message, field);
            ExecutableTransaction executable = ExecutableTransaction.of(transaction, chainId);
            Integer earlier = seen.putIfAbsent(executable.hash(), i);
            if (earlier != null) {
                throw new InvalidRequestException(field, "the same transaction as transactions[" + earlier + "] ("
                        + executable.hash().toHex() + ")");
            }
            out.add(executable);
        }
        return out;
    }

    private Verdict checkState(TransactionExecutor executor, StateView latest, BlockContext context,
            ExecutableTransaction executable) {
        Transaction transaction = executable.transaction();
        ContractAddress account = transaction.nonceAddress();
        Nonce current = latest.nonceAt(account);
        Nonce nonce = transaction.nonce();
        if (nonce.compareTo(current) < 0) {
            return new Verdict.Refused(executable.hash(), "nonce " + nonce.value().toBigInteger()
                    + " is already used: account " + account + " is at nonce " + current.value().toBigInteger());
        }
        CachedState overlay = new CachedState(latest);
        if (nonce.compareTo(current) > 0) {
            overlay.setNonce(account, nonce); // later transactions of the account may be in flight
        }
        TransactionResult result = executor.execute(overlay, context, transaction, executable.hash());
        if (result instanceof TransactionResult.Rejected rejected) {
            return verdictOf(executable.hash(), rejected.rejection());
        }
        return new Verdict.Accepted(executable);
    }

    private static Verdict verdictOf(Felt hash, Rejection rejection) {
        String reason = rejection.code() + ": " + rejection.message();
        return switch (rejection.code()) {
            case INVALID_SIGNATURE, TRANSACTION_FIELD_TOO_LONG, TRANSACTION_TOO_LARGE, UNSUPPORTED_FEATURE,
                    MAX_L2_GAS_AMOUNT_TOO_LOW, MAX_L2_GAS_PRICE_TOO_LOW, NOT_AN_ACCOUNT, VALIDATION_FAILED ->
                    new Verdict.Invalid(hash, reason);
            case INVALID_NONCE, ACCOUNT_NOT_DEPLOYED, CONTRACT_ALREADY_DEPLOYED, INSUFFICIENT_BALANCE_FOR_FEE_BOUND,
                    FEE_TRANSFER_FAILED -> new Verdict.Refused(hash, reason);
        };
    }
}
