package io.vellum.network.server;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.FeltException;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.MessageToL1;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.DataAvailabilityMode;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.blockifier.transaction.V3Fields;
import io.vellum.consensus.store.StoredBlock;
import io.vellum.consensus.store.StoredBlockHeader;
import io.vellum.storage.BlockCommitment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversions between the API's messages and the domain types. Parsing checks every field and throws
 * {@link InvalidRequestException} naming it (a path such as {@code transactions[0].invoke.calldata[3]}); it never
 * throws anything else for any input.
 */
public final class ApiCodec {
    /** The most felts of calldata (the proto's promise; the execution limit may be lower). */
    public static final int CALLDATA_FELTS_MAX = 4_096;
    /** The most felts of a signature. */
    public static final int SIGNATURE_FELTS_MAX = 64;
    /** The most felts of paymaster data or account deployment data (Vellum supports neither: they must be empty). */
    public static final int EXTRA_FELTS_MAX = 64;
    /** The longest felt string: "0x" and 64 hex digits. */
    static final int FELT_CHARS_MAX = 66;

    private ApiCodec() {
    }

    // -------------------------------------------------------------------------------------------------------------
    // Felts.

    /** A required felt: "0x" and 1 to 64 hex digits, below the Stark prime. */
    public static Felt felt(String text, String field) {
        if (text == null || text.isEmpty()) {
            throw new InvalidRequestException(field, "missing (a felt such as \"0x1\" is required)");
        }
        if (text.length() > FELT_CHARS_MAX) {
            throw new InvalidRequestException(field, "too long for a felt (" + text.length() + " characters, at most "
                    + FELT_CHARS_MAX + ")");
        }
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            throw new InvalidRequestException(field, "a felt must start with \"0x\"");
        }
        try {
            return Felt.fromHex(text);
        } catch (FeltException e) {
            throw new InvalidRequestException(field, "not a felt: " + e.getMessage());
        }
    }

    /** An optional felt: empty gives {@code orElse}. */
    public static Felt felt(String text, String field, Felt orElse) {
        return text == null || text.isEmpty() ? orElse : felt(text, field);
    }

    /** A felt that must fit {@code bits} bits. */
    static Felt boundedFelt(String text, String field, int bits, Felt orElse) {
        Felt value = felt(text, field, orElse);
        if (!value.fitsBits(bits)) {
            throw new InvalidRequestException(field, "must be below 2^" + bits);
        }
        return value;
    }

    /** A list of felts, at most {@code max}. */
    public static List<Felt> felts(List<String> texts, String field, int max) {
        if (texts.size() > max) {
            throw new InvalidRequestException(field, texts.size() + " felts, at most " + max + " allowed");
        }
        List<Felt> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(felt(texts.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    public static ContractAddress address(String text, String field) {
        Felt value = felt(text, field);
        try {
            return new ContractAddress(value);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(field, "not a contract address: " + e.getMessage());
        }
    }

    /** "0x" and lowercase hex digits without leading zeros ("0x0" for zero). */
    public static String hex(Felt value) {
        return value.toHex();
    }

    public static List<String> hex(List<Felt> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Felt value : values) {
            out.add(value.toHex());
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Transactions.

    /** Parses a submitted transaction (its kind, every field, the sizes). */
    public static Transaction transaction(io.vellum.network.api.Transaction message, String field) {
        return switch (message.getKindCase()) {
            case INVOKE -> invoke(message.getInvoke(), field + ".invoke");
            case DEPLOY_ACCOUNT -> deployAccount(message.getDeployAccount(), field + ".deploy_account");
            case KIND_NOT_SET -> throw new InvalidRequestException(field, "no transaction kind (set invoke or "
                    + "deploy_account)");
        };
    }

    private static InvokeTransaction invoke(io.vellum.network.api.InvokeTransaction message, String field) {
        ContractAddress sender = address(message.getSenderAddress(), field + ".sender_address");
        List<Felt> calldata = felts(message.getCalldataList(), field + ".calldata", CALLDATA_FELTS_MAX);
        List<Felt> signature = felts(message.getSignatureList(), field + ".signature", SIGNATURE_FELTS_MAX);
        Nonce nonce = new Nonce(felt(message.getNonce(), field + ".nonce"));
        V3Fields fields = v3(message, field);
        List<Felt> deploymentData = felts(message.getAccountDeploymentDataList(), field + ".account_deployment_data",
                EXTRA_FELTS_MAX);
        return new InvokeTransaction(sender, calldata, signature, nonce, fields, deploymentData);
    }

    private static V3Fields v3(io.vellum.network.api.InvokeTransaction message, String field) {
        if (!message.hasFields()) {
            throw new InvalidRequestException(field + ".fields", "missing (resource bounds are required)");
        }
        return v3(message.getFields(), field + ".fields");
    }

    private static DeployAccountTransaction deployAccount(io.vellum.network.api.DeployAccountTransaction message,
            String field) {
        Felt classHashValue = felt(message.getClassHash(), field + ".class_hash");
        ClassHash classHash;
        try {
            classHash = new ClassHash(classHashValue);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(field + ".class_hash", "not a class hash: " + e.getMessage());
        }
        Felt salt = felt(message.getContractAddressSalt(), field + ".contract_address_salt", Felt.ZERO);
        List<Felt> constructor = felts(message.getConstructorCalldataList(), field + ".constructor_calldata",
                CALLDATA_FELTS_MAX);
        List<Felt> signature = felts(message.getSignatureList(), field + ".signature", SIGNATURE_FELTS_MAX);
        Nonce nonce = new Nonce(felt(message.getNonce(), field + ".nonce"));
        if (!message.hasFields()) {
            throw new InvalidRequestException(field + ".fields", "missing (resource bounds are required)");
        }
        V3Fields fields = v3(message.getFields(), field + ".fields");
        return new DeployAccountTransaction(classHash, salt, constructor, signature, nonce, fields);
    }

    private static V3Fields v3(io.vellum.network.api.V3Fields message, String field) {
        if (!message.hasL1Gas()) {
            throw new InvalidRequestException(field + ".l1_gas", "missing");
        }
        if (!message.hasL2Gas()) {
            throw new InvalidRequestException(field + ".l2_gas", "missing");
        }
        ResourceBounds l1 = bounds(message.getL1Gas(), field + ".l1_gas");
        ResourceBounds l2 = bounds(message.getL2Gas(), field + ".l2_gas");
        Optional<ResourceBounds> l1Data = message.hasL1DataGas()
                ? Optional.of(bounds(message.getL1DataGas(), field + ".l1_data_gas"))
                : Optional.empty();
        Felt tip = boundedFelt(message.getTip(), field + ".tip", 64, Felt.ZERO);
        List<Felt> paymaster = felts(message.getPaymasterDataList(), field + ".paymaster_data", EXTRA_FELTS_MAX);
        DataAvailabilityMode nonceMode = mode(message.getNonceDataAvailabilityModeValue(),
                field + ".nonce_data_availability_mode");
        DataAvailabilityMode feeMode = mode(message.getFeeDataAvailabilityModeValue(),
                field + ".fee_data_availability_mode");
        return new V3Fields(new AllResourceBounds(l1, l2, l1Data), tip, paymaster, nonceMode, feeMode);
    }

    private static ResourceBounds bounds(io.vellum.network.api.ResourceBounds message, String field) {
        Felt amount = boundedFelt(message.getMaxAmount(), field + ".max_amount", 64, Felt.ZERO);
        Felt price = boundedFelt(message.getMaxPricePerUnit(), field + ".max_price_per_unit", 128, Felt.ZERO);
        return new ResourceBounds(amount, price);
    }

    private static DataAvailabilityMode mode(int value, String field) {
        return switch (value) {
            case 0 -> DataAvailabilityMode.L1;
            case 1 -> DataAvailabilityMode.L2;
            default -> throw new InvalidRequestException(field, "unknown data availability mode " + value);
        };
    }

    /** A domain transaction as the API sends it (what a client submits). */
    public static io.vellum.network.api.Transaction toProto(Transaction transaction) {
        io.vellum.network.api.Transaction.Builder out = io.vellum.network.api.Transaction.newBuilder();
        if (transaction instanceof InvokeTransaction invoke) {
            out.setInvoke(io.vellum.network.api.InvokeTransaction.newBuilder()
                    .setSenderAddress(hex(invoke.senderAddress().value()))
                    .addAllCalldata(hex(invoke.calldata()))
                    .addAllSignature(hex(invoke.signature()))
                    .setNonce(hex(invoke.nonce().value()))
                    .setFields(toProto(invoke.fields()))
                    .addAllAccountDeploymentData(hex(invoke.accountDeploymentData())));
        } else if (transaction instanceof DeployAccountTransaction deploy) {
            out.setDeployAccount(io.vellum.network.api.DeployAccountTransaction.newBuilder()
                    .setClassHash(hex(deploy.classHash().value()))
                    .setContractAddressSalt(hex(deploy.contractAddressSalt()))
                    .addAllConstructorCalldata(hex(deploy.constructorCalldata()))
                    .addAllSignature(hex(deploy.signature()))
                    .setNonce(hex(deploy.nonce().value()))
                    .setFields(toProto(deploy.fields())));
        } else {
            throw new IllegalArgumentException("the API submits INVOKE and DEPLOY_ACCOUNT only, not "
                    + transaction.type());
        }
        return out.build();
    }

    private static io.vellum.network.api.V3Fields toProto(V3Fields fields) {
        io.vellum.network.api.V3Fields.Builder out = io.vellum.network.api.V3Fields.newBuilder()
                .setL1Gas(toProto(fields.resourceBounds().l1Gas()))
                .setL2Gas(toProto(fields.resourceBounds().l2Gas()))
                .setTip(hex(fields.tip()))
                .addAllPaymasterData(hex(fields.paymasterData()))
                .setNonceDataAvailabilityModeValue(fields.nonceDataAvailabilityMode().code())
                .setFeeDataAvailabilityModeValue(fields.feeDataAvailabilityMode().code());
        fields.resourceBounds().l1DataGas().ifPresent(bounds -> out.setL1DataGas(toProto(bounds)));
        return out.build();
    }

    private static io.vellum.network.api.ResourceBounds toProto(ResourceBounds bounds) {
        return io.vellum.network.api.ResourceBounds.newBuilder().setMaxAmount(hex(bounds.maxAmount()))
                .setMaxPricePerUnit(hex(bounds.maxPricePerUnit())).build();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Chain data.

    /** A receipt of final block {@code height}, at {@code position}. */
    public static io.vellum.network.api.Receipt receipt(io.vellum.blockifier.execution.Receipt receipt, long height,
            int position) {
        io.vellum.network.api.Receipt.Builder out = io.vellum.network.api.Receipt.newBuilder()
                .setTransactionHash(hex(receipt.transactionHash()))
                .setType(receipt.type().name())
                .setActualFee(hex(receipt.actualFee()))
                .setReverted(receipt.status() == ExecutionStatus.REVERTED)
                .setRevertReason(receipt.revertReason().orElse(""))
                .setL1Gas(receipt.gasConsumed().l1Gas())
                .setL1DataGas(receipt.gasConsumed().l1DataGas())
                .setL2Gas(receipt.gasConsumed().l2Gas())
                .setBlockNumber(height)
                .setPosition(position);
        for (Event event : receipt.events()) {
            out.addEvents(io.vellum.network.api.Event.newBuilder().setFromAddress(hex(event.fromAddress().value()))
                    .addAllKeys(hex(event.keys())).addAllData(hex(event.data())));
        }
        for (MessageToL1 message : receipt.messagesToL1()) {
            out.addMessagesToL1(io.vellum.network.api.MessageToL1.newBuilder()
                    .setFromAddress(hex(message.fromAddress().value())).setToAddress(hex(message.toAddress()))
                    .addAllPayload(hex(message.payload())));
        }
        return out.build();
    }

    /**
     * A final block's header fields, with its commitment (state root and block hash) when the committer has
     * recorded it, and the parent's block hash when known.
     */
    static io.vellum.network.api.Block.Builder block(StoredBlockHeader header, Optional<BlockCommitment> commitment,
            Optional<Felt> parentHash) {
        io.vellum.network.api.Block.Builder out = io.vellum.network.api.Block.newBuilder()
                .setNumber(header.height())
                .setTimestampSeconds(header.context().timestampSeconds())
                .setSequencerAddress(hex(header.context().sequencerAddress().value()))
                .setProposer(header.proposal().proposer().value())
                .setProposalCommitment(hex(header.proposal().proposalCommitment()))
                .setTransactionCommitment(hex(header.commitments().transactionCommitment()))
                .setEventCommitment(hex(header.commitments().eventCommitment()))
                .setReceiptCommitment(hex(header.commitments().receiptCommitment()))
                .setStateDiffCommitment(hex(header.commitments().stateDiffCommitment()))
                .setCloseReason(header.proposal().closeReason().name())
                .setFinalLogIndex(header.finalIndex())
                .setStarknetVersion(header.starknetVersion().toString())
                .setProposalTerm(header.proposal().term());
        commitment.ifPresent(c -> out.setBlockHash(hex(c.blockHash())).setStateRoot(hex(c.stateRoot())));
        parentHash.ifPresent(h -> out.setParentBlockHash(hex(h)));
        return out;
    }

    /** The transaction hashes of a stored block, in execution order. */
    static List<String> transactionHashes(StoredBlock block) {
        List<String> out = new ArrayList<>(block.transactions().size());
        block.transactions().forEach(t -> out.add(hex(t.hash())));
        return out;
    }
}
