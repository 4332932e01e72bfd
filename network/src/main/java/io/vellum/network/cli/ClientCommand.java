package io.vellum.network.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.network.api.Block;
import io.vellum.network.api.GetBlockRequest;
import io.vellum.network.api.GetNodeStatusRequest;
import io.vellum.network.api.GetNonceRequest;
import io.vellum.network.api.GetReceiptRequest;
import io.vellum.network.api.GetTransactionStatusRequest;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.Receipt;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.client.VellumClient;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vellum client}: talk to a node's gRPC API. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Send transactions to a node and read its chain (gRPC).",
        subcommands = {ClientCommand.Status.class, ClientCommand.Transfer.class, ClientCommand.Balance.class,
                ClientCommand.NonceOf.class, ClientCommand.BlockOf.class, ClientCommand.ReceiptOf.class,
                ClientCommand.Tx.class})
final class ClientCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (status, transfer, balance, "
                + "nonce, block, receipt, tx)");
    }

    /** The shared body of client subcommands: open a channel, run, report gRPC errors clearly. */
    abstract static class Rpc implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        NodeOptions node;

        /** A typed client over the same channel (not closing it), with the call deadline. */
        VellumClient client;

        @Override
        public final Integer call() {
            ManagedChannel channel = node.channel();
            client = VellumClient.over(channel).withCallTimeout(Duration.ofMillis(node.timeoutMs));
            try {
                return run(SequencerGrpc.newBlockingStub(channel), spec.commandLine().getOut());
            } catch (StatusRuntimeException e) {
                throw CliException.failure(node.node + ": " + e.getStatus().getCode() + ": "
                        + e.getStatus().getDescription());
            } finally {
                NodeOptions.close(channel);
            }
        }

        SequencerGrpc.SequencerBlockingStub deadline(SequencerGrpc.SequencerBlockingStub stub) {
            return stub.withDeadlineAfter(node.timeoutMs, TimeUnit.MILLISECONDS);
        }

        abstract int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The node's view of the cluster.")
    static final class Status extends Rpc {
        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            NodeStatus status = deadline(stub).getNodeStatus(GetNodeStatusRequest.getDefaultInstance());
            out.print(status);
            out.flush();
            return 0;
        }
    }

    @Command(name = "block", mixinStandardHelpOptions = true, description = "A final block (default: the latest).")
    static final class BlockOf extends Rpc {
        @Parameters(arity = "0..1", paramLabel = "NUMBER", description = "the block number; absent: the latest")
        Optional<Long> number;

        @Option(names = "--receipts", description = "include the receipts")
        boolean receipts;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            GetBlockRequest.Builder request = GetBlockRequest.newBuilder().setWithReceipts(receipts);
            if (number.isPresent()) {
                if (number.get() < 0) {
                    throw CliException.usage("a block number is not negative: " + number.get());
                }
                request.setNumber(number.get());
            } else {
                request.setLatest(true);
            }
            Block block = deadline(stub).getBlock(request.build());
            out.print(block);
            out.flush();
            return 0;
        }
    }

    @Command(name = "receipt", mixinStandardHelpOptions = true, description = "The receipt of a final transaction.")
    static final class ReceiptOf extends Rpc {
        @Parameters(paramLabel = "HASH", description = "the transaction hash (0x hex)")
        String hash;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            Receipt receipt = deadline(stub).getReceipt(GetReceiptRequest.newBuilder()
                    .setTransactionHash(felt(hash, "HASH").toHex()).build());
            out.print(receipt);
            out.flush();
            return 0;
        }
    }

    @Command(name = "tx", mixinStandardHelpOptions = true, description = "Where a transaction stands.")
    static final class Tx extends Rpc {
        @Parameters(paramLabel = "HASH", description = "the transaction hash (0x hex)")
        String hash;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            TransactionStatus status = deadline(stub).getTransactionStatus(GetTransactionStatusRequest.newBuilder()
                    .setTransactionHash(felt(hash, "HASH").toHex()).build());
            out.println(describe(status));
            out.flush();
            return 0;
        }
    }

    @Command(name = "nonce", mixinStandardHelpOptions = true, description = "An account's nonce.")
    static final class NonceOf extends Rpc {
        @Parameters(paramLabel = "ADDRESS", description = "the account address (0x hex)")
        String address;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            out.println(deadline(stub).getNonce(GetNonceRequest.newBuilder()
                    .setContractAddress(felt(address, "ADDRESS").toHex()).build()).getNonce());
            out.flush();
            return 0;
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true,
            description = "An account's balance of a token (default: the node's fee token, STRK), in its smallest unit "
                    + "(fri for STRK).")
    static final class Balance extends Rpc {
        @Parameters(paramLabel = "ADDRESS", description = "the account address (0x hex)")
        String address;

        @Option(names = "--token", paramLabel = "ADDRESS",
                description = "the ERC20 token (default: the node's fee token)")
        Optional<String> token;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            out.println(balanceOf(client, token.map(t -> new ContractAddress(felt(t, "--token")))
                    .orElseGet(client::feeToken), new ContractAddress(felt(address, "ADDRESS"))));
            out.flush();
            return 0;
        }
    }

    /** Who sends: a key (inline, in a key file, or a genesis account of a cluster directory). */
    static final class Sender {
        @Option(names = "--private-key", paramLabel = "HEX", description = "the sender's private key")
        Optional<String> privateKey;

        @Option(names = "--key-file", paramLabel = "FILE", description = "a key file with the sender's key")
        Optional<Path> keyFile;

        @Option(names = "--account", paramLabel = "INDEX",
                description = "genesis account INDEX of the cluster directory (--cluster)")
        Optional<Integer> account;
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true,
            description = {"Send STRK from an account to an address: a signed INVOKE v3 of the fee token's "
                    + "transfer(recipient, amount).",
                    "The sender is given by --private-key, --key-file, or --cluster DIR --account I (a genesis "
                    + "account printed by 'vellum cluster up'); its address is the genesis account of that key "
                    + "unless --from says otherwise. The nonce is asked from the node unless --nonce is given."})
    static final class Transfer extends Rpc {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Sender sender;

        @Option(names = "--cluster", paramLabel = "DIR", description = "a cluster directory (for --account)")
        Optional<Path> cluster;

        @Option(names = "--from", paramLabel = "ADDRESS", description = "the sending account's address")
        Optional<String> from;

        @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "the recipient")
        String to;

        @Option(names = "--amount", required = true, paramLabel = "FRI",
                description = "how much, in the token's smallest unit")
        BigInteger amount;

        @Option(names = "--token", paramLabel = "ADDRESS",
                description = "the ERC20 token (default: the node's fee token)")
        Optional<String> token;

        @Option(names = "--nonce", paramLabel = "N", description = "the nonce to use (default: the node's)")
        Optional<Long> nonce;

        @Option(names = "--max-l2-gas", paramLabel = "GAS", defaultValue = "" + DEFAULT_MAX_L2_GAS,
                description = "L2 gas bound (default: ${DEFAULT-VALUE}; a transfer uses about 340,000)")
        long maxL2Gas;

        @Option(names = "--max-price", paramLabel = "FRI", defaultValue = "0",
                description = "the most paid per unit of L2 gas (default: 0, meaning twice the node's L2 gas price)")
        long maxPrice;

        @Option(names = "--wait", description = "wait until the transaction is final and print its status")
        boolean waitFinal;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            Felt key = senderKey();
            ContractAddress sender = from.map(f -> new ContractAddress(felt(f, "--from")))
                    .orElseGet(() -> GenesisAccounts.accountAddress(Ecdsa.publicKey(key)));
            if (maxL2Gas < 1 || maxPrice < 0) {
                throw CliException.usage("--max-l2-gas must be positive and --max-price not negative");
            }
            long useNonce = nonce.orElseGet(() -> client.nonce(sender).value().toBigInteger().longValueExact());
            VellumClient.Account account = new VellumClient.Account(sender, key);
            VellumClient.Fees fees = new VellumClient.Fees(maxL2Gas, maxPrice, 0);
            ContractAddress recipient = new ContractAddress(felt(to, "--to"));
            if (amount.signum() < 0 || amount.bitLength() > 256) {
                throw CliException.usage("--amount must be in [0, 2^256): " + amount);
            }
            ExecutableTransaction transaction = token.isEmpty()
                    ? client.signTransfer(account, recipient, amount, useNonce, fees)
                    : client.signInvoke(account, useNonce, fees, List.of(transferCall(
                            new ContractAddress(felt(token.get(), "--token")), recipient, amount)));
            SubmitResult result = client.submit(transaction);
            out.println("transaction " + transaction.hash().toHex() + " from " + sender.value().toHex() + " nonce "
                    + useNonce + ": " + result.getOutcome() + (result.getReason().isEmpty() ? ""
                    : " (" + result.getReason() + ")"));
            out.flush();
            if (result.getOutcome() != SubmitResult.Outcome.ORDERED) {
                return Main.EXIT_FAILURE;
            }
            if (waitFinal) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(node.timeoutMs, 30_000));
                TransactionStatus current;
                do {
                    current = deadline(stub).getTransactionStatus(GetTransactionStatusRequest.newBuilder()
                            .setTransactionHash(transaction.hash().toHex()).build());
                    if (isFinal(current)) {
                        break;
                    }
                    sleep(100);
                } while (System.nanoTime() < deadline);
                out.println(describe(current));
                out.flush();
                return current.getState() == TransactionStatus.State.FINAL_SUCCEEDED ? 0 : Main.EXIT_FAILURE;
            }
            return 0;
        }

        private Felt senderKey() {
            if (sender.privateKey.isPresent()) {
                Felt key = felt(sender.privateKey.get(), "--private-key");
                try {
                    return KeyFile.of(key).privateKey();
                } catch (IllegalArgumentException e) {
                    throw CliException.usage("--private-key: " + e.getMessage());
                }
            }
            if (sender.keyFile.isPresent()) {
                return KeyFile.read(sender.keyFile.get()).privateKey();
            }
            Path dir = cluster.orElseThrow(() -> CliException.usage("--account needs --cluster DIR"));
            return ClusterFile.read(dir).account(sender.account.get()).privateKey();
        }
    }

    static boolean isFinal(TransactionStatus status) {
        return switch (status.getState()) {
            case FINAL_SUCCEEDED, FINAL_REVERTED, REJECTED -> true;
            default -> false;
        };
    }

    static String describe(TransactionStatus status) {
        StringBuilder text = new StringBuilder(status.getTransactionHash()).append(' ').append(status.getState());
        if (status.getState() == TransactionStatus.State.FINAL_SUCCEEDED
                || status.getState() == TransactionStatus.State.FINAL_REVERTED) {
            text.append(" block ").append(status.getBlockNumber()).append(" position ").append(status.getPosition());
        }
        if (!status.getReason().isEmpty()) {
            text.append(" (").append(status.getReason()).append(')');
        }
        return text.toString();
    }

    /** A signed-transfer default: enough L2 gas for one transfer (about 340,000) with room to spare. */
    static final long DEFAULT_MAX_L2_GAS = 2_000_000;

    /** An ERC20 balance (a u256 returned as low, high). */
    static BigInteger balanceOf(VellumClient client, ContractAddress token, ContractAddress account) {
        List<Felt> result = client.call(token, "balance_of", List.of(account.value()));
        if (result.size() != 2) {
            throw CliException.failure("balance_of returned " + result.size() + " values, not 2");
        }
        return result.get(1).toBigInteger().shiftLeft(128).or(result.get(0).toBigInteger());
    }

    /** ERC20 {@code transfer(recipient, amount)} on {@code token}. */
    static Call transferCall(ContractAddress token, ContractAddress recipient, BigInteger amount) {
        BigInteger mask = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        return new Call(token, new EntryPointSelector(Selectors.fromName("transfer")), List.of(recipient.value(),
                Felt.fromBigInteger(amount.and(mask)), Felt.fromBigInteger(amount.shiftRight(128))));
    }

    static Felt felt(String text, String what) {
        try {
            String trimmed = text.trim();
            return trimmed.startsWith("0x") || trimmed.startsWith("0X") ? Felt.fromHex(trimmed)
                    : Felt.fromBigInteger(new BigInteger(trimmed));
        } catch (RuntimeException e) {
            throw CliException.usage(what + ": not a field element (0x hex or decimal): '" + text + "'");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        }
    }
}
