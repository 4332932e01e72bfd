package io.vellum.network.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.network.api.Block;
import io.vellum.network.api.CallRequest;
import io.vellum.network.api.CallResponse;
import io.vellum.network.api.GetBlockRequest;
import io.vellum.network.api.GetNodeStatusRequest;
import io.vellum.network.api.GetNonceRequest;
import io.vellum.network.api.GetReceiptRequest;
import io.vellum.network.api.GetTransactionStatusRequest;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.Receipt;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.SubmitTransactionsRequest;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
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
    abstract static class Call implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        NodeOptions node;

        @Override
        public final Integer call() {
            ManagedChannel channel = node.channel();
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
    static final class Status extends Call {
        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            NodeStatus status = deadline(stub).getNodeStatus(GetNodeStatusRequest.getDefaultInstance());
            out.print(status);
            out.flush();
            return 0;
        }
    }

    @Command(name = "block", mixinStandardHelpOptions = true, description = "A final block (default: the latest).")
    static final class BlockOf extends Call {
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
    static final class ReceiptOf extends Call {
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
    static final class Tx extends Call {
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
    static final class NonceOf extends Call {
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
            description = "An account's balance of a token (default: STRK), in its smallest unit (fri).")
    static final class Balance extends Call {
        @Parameters(paramLabel = "ADDRESS", description = "the account address (0x hex)")
        String address;

        @Option(names = "--token", paramLabel = "ADDRESS", description = "the ERC20 token (default: STRK)")
        Optional<String> token;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            out.println(balanceOf(deadline(stub), token.map(t -> new ContractAddress(felt(t, "--token")))
                    .orElse(Transfers.defaultToken()), new ContractAddress(felt(address, "ADDRESS"))));
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
    static final class Transfer extends Call {
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

        @Option(names = "--token", paramLabel = "ADDRESS", description = "the ERC20 token (default: STRK)")
        Optional<String> token;

        @Option(names = "--nonce", paramLabel = "N", description = "the nonce to use (default: the node's)")
        Optional<Long> nonce;

        @Option(names = "--max-l2-gas", paramLabel = "GAS", defaultValue = "" + Transfers.DEFAULT_MAX_L2_GAS,
                description = "L2 gas bound (default: ${DEFAULT-VALUE})")
        long maxL2Gas;

        @Option(names = "--max-price", paramLabel = "FRI", defaultValue = "" + Transfers.DEFAULT_MAX_PRICE_PER_UNIT,
                description = "the most paid per unit of L2 gas (default: ${DEFAULT-VALUE})")
        long maxPrice;

        @Option(names = "--wait", description = "wait until the transaction is final and print its status")
        boolean waitFinal;

        @Override
        int run(SequencerGrpc.SequencerBlockingStub stub, PrintWriter out) {
            Felt key = senderKey();
            ContractAddress sender = from.map(f -> new ContractAddress(felt(f, "--from")))
                    .orElseGet(() -> GenesisAccounts.accountAddress(Ecdsa.publicKey(key)));
            NodeStatus status = deadline(stub).getNodeStatus(GetNodeStatusRequest.getDefaultInstance());
            ChainId chain = Transfers.chainId(status.getChainId());
            long useNonce = nonce.orElseGet(() -> felt(deadline(stub).getNonce(GetNonceRequest.newBuilder()
                    .setContractAddress(sender.value().toHex()).build()).getNonce(), "nonce").toBigInteger()
                    .longValueExact());
            ContractAddress tokenAddress = token.map(t -> new ContractAddress(felt(t, "--token")))
                    .orElse(Transfers.defaultToken());
            ExecutableTransaction transaction = Transfers.transfer(chain, tokenAddress, sender, key, useNonce,
                    new ContractAddress(felt(to, "--to")), amount, maxL2Gas, maxPrice);
            SubmitResult result = deadline(stub).submitTransactions(SubmitTransactionsRequest.newBuilder()
                    .addTransactions(Transfers.toProto((InvokeTransaction) transaction.transaction(), chain)).build())
                    .getResults(0);
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

    /** An ERC20 balance (a u256 returned as low, high). */
    static BigInteger balanceOf(SequencerGrpc.SequencerBlockingStub stub, ContractAddress token,
            ContractAddress account) {
        CallResponse response = stub.call(CallRequest.newBuilder().setContractAddress(token.value().toHex())
                .setEntryPointSelector("balance_of").addCalldata(account.value().toHex()).build());
        if (response.getResultCount() != 2) {
            throw CliException.failure("balance_of returned " + response.getResultCount() + " values, not 2");
        }
        BigInteger low = Felt.fromHex(response.getResult(0)).toBigInteger();
        BigInteger high = Felt.fromHex(response.getResult(1)).toBigInteger();
        return high.shiftLeft(128).or(low);
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
