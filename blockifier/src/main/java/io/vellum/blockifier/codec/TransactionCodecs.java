package io.vellum.blockifier.codec;

import io.vellum.blockifier.codec.DecodingException.Reason;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.DataAvailabilityMode;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.TipAndBoundsHashes;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.L1HandlerTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.blockifier.transaction.TransactionType;
import io.vellum.blockifier.transaction.V3Fields;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Codecs of transactions: each of the three kinds on its own, the {@link Transaction} union (a type tag, then the
 * kind's body), and {@link ExecutableTransaction} (a transaction whose hash is recomputed on decoding).
 *
 * <p>Field order is the record's component order. Type tags and enum codes:
 * <pre>
 *   TransactionType / union tag   INVOKE 0, DECLARE 1, DEPLOY 2, DEPLOY_ACCOUNT 3, L1_HANDLER 4
 *   DataAvailabilityMode          L1 0, L2 1
 * </pre>
 * The union accepts only the kinds Vellum executes (tags 0, 3 and 4).
 */
public final class TransactionCodecs {
    static final int INVOKE_CODE = 0;
    static final int DECLARE_CODE = 1;
    static final int DEPLOY_CODE = 2;
    static final int DEPLOY_ACCOUNT_CODE = 3;
    static final int L1_HANDLER_CODE = 4;
    private static final int TRANSACTION_TYPE_CODES = 5;

    /** One byte: INVOKE 0, DECLARE 1, DEPLOY 2, DEPLOY_ACCOUNT 3, L1_HANDLER 4. */
    public static final Codec<TransactionType> TRANSACTION_TYPE = new Codec<>() {
        @Override
        public void write(CodecWriter writer, TransactionType value) {
            writer.writeByte(code(value));
        }

        @Override
        public TransactionType read(CodecReader reader) throws DecodingException {
            return switch (Codecs.readCode(reader, TRANSACTION_TYPE_CODES, "transaction type")) {
                case INVOKE_CODE -> TransactionType.INVOKE;
                case DECLARE_CODE -> TransactionType.DECLARE;
                case DEPLOY_CODE -> TransactionType.DEPLOY;
                case DEPLOY_ACCOUNT_CODE -> TransactionType.DEPLOY_ACCOUNT;
                default -> TransactionType.L1_HANDLER;
            };
        }
    };

    /** One byte: L1 0, L2 1. */
    public static final Codec<DataAvailabilityMode> DATA_AVAILABILITY_MODE = new Codec<>() {
        @Override
        public void write(CodecWriter writer, DataAvailabilityMode value) {
            writer.writeByte(value.code());
        }

        @Override
        public DataAvailabilityMode read(CodecReader reader) throws DecodingException {
            return DataAvailabilityMode.ofCode(Codecs.readCode(reader, 2, "data availability mode"));
        }
    };

    /** max_amount (a felt below 2^64), max_price_per_unit (a felt below 2^128). */
    public static final Codec<ResourceBounds> RESOURCE_BOUNDS = new Codec<>() {
        @Override
        public void write(CodecWriter writer, ResourceBounds value) {
            writer.writeFelt(value.maxAmount());
            writer.writeFelt(value.maxPricePerUnit());
        }

        @Override
        public ResourceBounds read(CodecReader reader) throws DecodingException {
            int start = reader.position();
            Felt maxAmount = reader.readFelt();
            Felt maxPricePerUnit = reader.readFelt();
            return reader.validated(start, "resource bounds", () -> new ResourceBounds(maxAmount, maxPricePerUnit));
        }
    };

    /** L1 gas bounds, L2 gas bounds, then an Optional of L1 data gas bounds. */
    public static final Codec<AllResourceBounds> ALL_RESOURCE_BOUNDS = new Codec<>() {
        @Override
        public void write(CodecWriter writer, AllResourceBounds value) {
            RESOURCE_BOUNDS.write(writer, value.l1Gas());
            RESOURCE_BOUNDS.write(writer, value.l2Gas());
            writer.writePresence(value.l1DataGas().isPresent());
            if (value.l1DataGas().isPresent()) {
                RESOURCE_BOUNDS.write(writer, value.l1DataGas().get());
            }
        }

        @Override
        public AllResourceBounds read(CodecReader reader) throws DecodingException {
            ResourceBounds l1Gas = RESOURCE_BOUNDS.read(reader);
            ResourceBounds l2Gas = RESOURCE_BOUNDS.read(reader);
            Optional<ResourceBounds> l1DataGas =
                    reader.readPresence() ? Optional.of(RESOURCE_BOUNDS.read(reader)) : Optional.empty();
            return new AllResourceBounds(l1Gas, l2Gas, l1DataGas);
        }
    };

    /** Resource bounds, tip (a felt below 2^64), paymaster data, nonce DA mode, fee DA mode. */
    public static final Codec<V3Fields> V3_FIELDS = new Codec<>() {
        @Override
        public void write(CodecWriter writer, V3Fields value) {
            ALL_RESOURCE_BOUNDS.write(writer, value.resourceBounds());
            writer.writeFelt(value.tip());
            writer.writeFelts(value.paymasterData(), CodecLimits.PAYMASTER_DATA_FELTS_MAX, "paymaster data");
            DATA_AVAILABILITY_MODE.write(writer, value.nonceDataAvailabilityMode());
            DATA_AVAILABILITY_MODE.write(writer, value.feeDataAvailabilityMode());
        }

        @Override
        public V3Fields read(CodecReader reader) throws DecodingException {
            AllResourceBounds bounds = ALL_RESOURCE_BOUNDS.read(reader);
            int tipStart = reader.position();
            Felt tip = reader.readFelt();
            List<Felt> paymasterData = reader.readFelts(CodecLimits.PAYMASTER_DATA_FELTS_MAX, "paymaster data");
            DataAvailabilityMode nonceMode = DATA_AVAILABILITY_MODE.read(reader);
            DataAvailabilityMode feeMode = DATA_AVAILABILITY_MODE.read(reader);
            return reader.validated(tipStart, "V3 fields",
                    () -> new V3Fields(bounds, tip, paymasterData, nonceMode, feeMode));
        }
    };

    /** Sender, calldata, signature, nonce, V3 fields, account deployment data. */
    public static final Codec<InvokeTransaction> INVOKE = new Codec<>() {
        @Override
        public void write(CodecWriter writer, InvokeTransaction value) {
            writer.writeFelt(value.senderAddress().value());
            writer.writeFelts(value.calldata(), CodecLimits.CALLDATA_FELTS_MAX, "calldata");
            writer.writeFelts(value.signature(), CodecLimits.SIGNATURE_FELTS_MAX, "signature");
            writer.writeFelt(value.nonce().value());
            V3_FIELDS.write(writer, value.fields());
            writer.writeFelts(value.accountDeploymentData(), CodecLimits.ACCOUNT_DEPLOYMENT_DATA_FELTS_MAX,
                    "account deployment data");
        }

        @Override
        public InvokeTransaction read(CodecReader reader) throws DecodingException {
            ContractAddress sender = CoreCodecs.CONTRACT_ADDRESS.read(reader);
            List<Felt> calldata = reader.readFelts(CodecLimits.CALLDATA_FELTS_MAX, "calldata");
            List<Felt> signature = reader.readFelts(CodecLimits.SIGNATURE_FELTS_MAX, "signature");
            Nonce nonce = CoreCodecs.NONCE.read(reader);
            V3Fields fields = V3_FIELDS.read(reader);
            List<Felt> accountDeploymentData = reader.readFelts(CodecLimits.ACCOUNT_DEPLOYMENT_DATA_FELTS_MAX,
                    "account deployment data");
            return new InvokeTransaction(sender, calldata, signature, nonce, fields, accountDeploymentData);
        }
    };

    /** Class hash, salt, constructor calldata, signature, nonce, V3 fields. */
    public static final Codec<DeployAccountTransaction> DEPLOY_ACCOUNT = new Codec<>() {
        @Override
        public void write(CodecWriter writer, DeployAccountTransaction value) {
            writer.writeFelt(value.classHash().value());
            writer.writeFelt(value.contractAddressSalt());
            writer.writeFelts(value.constructorCalldata(), CodecLimits.CALLDATA_FELTS_MAX, "constructor calldata");
            writer.writeFelts(value.signature(), CodecLimits.SIGNATURE_FELTS_MAX, "signature");
            writer.writeFelt(value.nonce().value());
            V3_FIELDS.write(writer, value.fields());
        }

        @Override
        public DeployAccountTransaction read(CodecReader reader) throws DecodingException {
            ClassHash classHash = CoreCodecs.CLASS_HASH.read(reader);
            Felt salt = reader.readFelt();
            List<Felt> constructorCalldata = reader.readFelts(CodecLimits.CALLDATA_FELTS_MAX, "constructor calldata");
            List<Felt> signature = reader.readFelts(CodecLimits.SIGNATURE_FELTS_MAX, "signature");
            Nonce nonce = CoreCodecs.NONCE.read(reader);
            V3Fields fields = V3_FIELDS.read(reader);
            return new DeployAccountTransaction(classHash, salt, constructorCalldata, signature, nonce, fields);
        }
    };

    /** Contract address, entry point selector, calldata, nonce, fee paid on L1. */
    public static final Codec<L1HandlerTransaction> L1_HANDLER = new Codec<>() {
        @Override
        public void write(CodecWriter writer, L1HandlerTransaction value) {
            writer.writeFelt(value.contractAddress().value());
            writer.writeFelt(value.entryPointSelector().value());
            writer.writeFelts(value.calldata(), CodecLimits.CALLDATA_FELTS_MAX, "calldata");
            writer.writeFelt(value.nonce().value());
            writer.writeFelt(value.paidFeeOnL1());
        }

        @Override
        public L1HandlerTransaction read(CodecReader reader) throws DecodingException {
            ContractAddress address = CoreCodecs.CONTRACT_ADDRESS.read(reader);
            EntryPointSelector selector = CoreCodecs.ENTRY_POINT_SELECTOR.read(reader);
            List<Felt> calldata = reader.readFelts(CodecLimits.CALLDATA_FELTS_MAX, "calldata");
            Nonce nonce = CoreCodecs.NONCE.read(reader);
            Felt paidFeeOnL1 = reader.readFelt();
            return new L1HandlerTransaction(address, selector, calldata, nonce, paidFeeOnL1);
        }
    };

    /** The union: the type tag (one byte), then that kind's body. */
    public static final Codec<Transaction> TRANSACTION = new Codec<>() {
        @Override
        public void write(CodecWriter writer, Transaction value) {
            Objects.requireNonNull(value, "transaction");
            if (value instanceof InvokeTransaction invoke) {
                writer.writeByte(INVOKE_CODE);
                INVOKE.write(writer, invoke);
            } else if (value instanceof DeployAccountTransaction deployAccount) {
                writer.writeByte(DEPLOY_ACCOUNT_CODE);
                DEPLOY_ACCOUNT.write(writer, deployAccount);
            } else if (value instanceof L1HandlerTransaction l1Handler) {
                writer.writeByte(L1_HANDLER_CODE);
                L1_HANDLER.write(writer, l1Handler);
            } else {
                throw new AssertionError("unknown transaction kind: " + value.getClass().getName());
            }
        }

        @Override
        public Transaction read(CodecReader reader) throws DecodingException {
            int start = reader.position();
            int tag = reader.readByte();
            return switch (tag) {
                case INVOKE_CODE -> INVOKE.read(reader);
                case DEPLOY_ACCOUNT_CODE -> DEPLOY_ACCOUNT.read(reader);
                case L1_HANDLER_CODE -> L1_HANDLER.read(reader);
                default -> throw reader.error(Reason.UNKNOWN_TAG, start, "transaction tag " + tag
                        + " is not an executable kind (INVOKE 0, DEPLOY_ACCOUNT 3, L1_HANDLER 4)");
            };
        }
    };

    private TransactionCodecs() {
    }

    /**
     * The codec of executable transactions on {@code chainId}. The bytes are exactly those of {@link #TRANSACTION}:
     * the hash is not stored but recomputed on decoding, with the chain id the node is configured with. A hash read
     * from disk or from a peer is therefore never trusted, and cannot disagree with its transaction; the price is
     * one transaction hash per decoding (see {@code docs/encoding.md}). Writing does not check that a value was
     * hashed on {@code chainId}: every node runs one chain, and the reader recomputes the hash anyway.
     */
    public static Codec<ExecutableTransaction> executable(ChainId chainId) {
        Objects.requireNonNull(chainId, "chainId");
        // One memo per codec: decoding repeats the (tip, bounds) part of the hash for every transaction.
        TipAndBoundsHashes memo = new TipAndBoundsHashes();
        return new Codec<>() {
            @Override
            public void write(CodecWriter writer, ExecutableTransaction value) {
                TRANSACTION.write(writer, value.transaction());
            }

            @Override
            public ExecutableTransaction read(CodecReader reader) throws DecodingException {
                return ExecutableTransaction.of(TRANSACTION.read(reader), chainId, memo);
            }
        };
    }

    static int code(TransactionType type) {
        return switch (type) {
            case INVOKE -> INVOKE_CODE;
            case DECLARE -> DECLARE_CODE;
            case DEPLOY -> DEPLOY_CODE;
            case DEPLOY_ACCOUNT -> DEPLOY_ACCOUNT_CODE;
            case L1_HANDLER -> L1_HANDLER_CODE;
        };
    }
}
