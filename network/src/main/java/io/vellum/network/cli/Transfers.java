package io.vellum.network.cli;

import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.contracts.Multicall;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.V3Fields;
import io.vellum.network.api.Transaction;
import java.math.BigInteger;
import java.util.List;

/**
 * Signed STRK transfers as the command line sends them: an INVOKE v3 from a standard account whose calldata is a
 * one-call multicall of the fee token's {@code transfer(recipient, amount)}, bounded in L2 gas only, signed over its
 * hash on the node's chain.
 */
final class Transfers {
    /** Enough L2 gas for one transfer (about 340,000) with room to spare. */
    static final long DEFAULT_MAX_L2_GAS = 2_000_000;
    /** Above the default L2 gas price of a node file. */
    static final long DEFAULT_MAX_PRICE_PER_UNIT = 100;

    private Transfers() {
    }

    /** A signed transfer. */
    static ExecutableTransaction transfer(ChainId chain, ContractAddress token, ContractAddress sender,
            Felt privateKey, long nonce, ContractAddress recipient, BigInteger amount, long maxL2Gas,
            long maxPricePerUnit) {
        if (amount.signum() < 0 || amount.bitLength() > 256) {
            throw CliException.usage("the amount must be in [0, 2^256): " + amount);
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        Call call = new Call(token, new EntryPointSelector(Selectors.fromName("transfer")),
                List.of(recipient.value(), Felt.fromBigInteger(amount.and(mask)),
                        Felt.fromBigInteger(amount.shiftRight(128))));
        V3Fields fields = V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(maxL2Gas, maxPricePerUnit)), 0);
        InvokeTransaction unsigned = new InvokeTransaction(sender, Multicall.encode(List.of(call)), List.of(),
                Nonce.of(nonce), fields, List.of());
        Felt hash = ExecutableTransaction.of(unsigned, chain).hash();
        InvokeTransaction signed = unsigned.withSignature(Ecdsa.sign(privateKey, hash).toFelts());
        return ExecutableTransaction.of(signed, chain);
    }

    /** The wire form of a signed INVOKE. */
    static Transaction toProto(InvokeTransaction invoke, ChainId chain) {
        V3Fields fields = invoke.fields();
        AllResourceBounds bounds = fields.resourceBounds();
        io.vellum.network.api.V3Fields.Builder wireFields = io.vellum.network.api.V3Fields.newBuilder()
                .setL1Gas(bounds(bounds.l1Gas()))
                .setL2Gas(bounds(bounds.l2Gas()))
                .setTip(fields.tip().toHex())
                .addAllPaymasterData(hex(fields.paymasterData()))
                .setNonceDataAvailabilityModeValue(fields.nonceDataAvailabilityMode().code())
                .setFeeDataAvailabilityModeValue(fields.feeDataAvailabilityMode().code());
        bounds.l1DataGas().ifPresent(b -> wireFields.setL1DataGas(bounds(b)));
        return Transaction.newBuilder().setChainId(chain.value().toHex()).setInvoke(io.vellum.network.api.InvokeTransaction.newBuilder()
                .setSenderAddress(invoke.senderAddress().value().toHex())
                .addAllCalldata(hex(invoke.calldata()))
                .addAllSignature(hex(invoke.signature()))
                .setNonce(invoke.nonce().value().toHex())
                .setFields(wireFields)
                .addAllAccountDeploymentData(hex(invoke.accountDeploymentData()))).build();
    }

    private static io.vellum.network.api.ResourceBounds bounds(ResourceBounds bounds) {
        return io.vellum.network.api.ResourceBounds.newBuilder().setMaxAmount(bounds.maxAmount().toHex())
                .setMaxPricePerUnit(bounds.maxPricePerUnit().toHex()).build();
    }

    private static List<String> hex(List<Felt> felts) {
        return felts.stream().map(Felt::toHex).toList();
    }

    /** A chain id as {@code NodeStatus.chain_id} carries it: a short string, or 0x hex. */
    static ChainId chainId(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return new ChainId(Felt.fromHex(text));
        }
        return ChainId.of(text);
    }

    /** The STRK fee token at its default address. */
    static ContractAddress defaultToken() {
        return GenesisLoader.STRK_ADDRESS;
    }
}
