package io.vellum.blockifier.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasConsumed;
import io.vellum.blockifier.execution.MessageToL1;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.DataAvailabilityMode;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.L1HandlerTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.TransactionHashes;
import io.vellum.blockifier.transaction.TransactionType;
import io.vellum.blockifier.transaction.V3Fields;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One small value per type with its bytes worked out by hand from {@code docs/encoding.md} (not from the code):
 * the encoder must produce exactly these bytes and the decoder must give the value back.
 */
class CodecGoldenBytesTest {
    private static final Felt TWO_TO_64_MINUS_ONE = Felt.ofUnsigned(-1L);
    private static final Felt TWO_TO_128_MINUS_ONE =
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
    /** Bounds (0, 0) for L1 and L2 gas, none for L1 data gas; tip 0; no paymaster; both modes L1: 9 zero bytes. */
    private static final V3Fields ZERO_FIELDS = new V3Fields(
            AllResourceBounds.withoutL1DataGas(ResourceBounds.ZERO, ResourceBounds.ZERO), Felt.ZERO, List.of(),
            DataAvailabilityMode.L1, DataAvailabilityMode.L1);
    /** The worked example of docs/encoding.md. */
    private static final InvokeTransaction INVOKE = new InvokeTransaction(ContractAddress.of(1),
            List.of(Felt.of(2), Felt.of(3)), List.of(Felt.of(4)), Nonce.ZERO, ZERO_FIELDS, List.of());
    private static final DeployAccountTransaction DEPLOY_ACCOUNT = new DeployAccountTransaction(
            new ClassHash(Felt.ONE), Felt.TWO, List.of(), List.of(), Nonce.ZERO, ZERO_FIELDS);
    private static final L1HandlerTransaction L1_HANDLER = new L1HandlerTransaction(ContractAddress.of(1),
            new EntryPointSelector(Felt.TWO), List.of(Felt.of(3)), Nonce.of(4), Felt.ZERO);

    @Test
    void felts() throws DecodingException {
        golden(Codecs.FELT, Felt.ZERO, "01 00");
        golden(Codecs.FELT, Felt.of(0x1234), "01 02 12 34");
        golden(Codecs.FELT, Felt.MAX, "01 20 08 00 00 00 00 00 00 11" + " 00".repeat(24));
        golden(Codecs.FELT_LIST, List.of(Felt.ONE, Felt.of(0x100)), "01 02 01 01 02 01 00");
        golden(Codecs.FELT_LIST, List.of(), "01 00");
    }

    @Test
    void coreRecords() throws DecodingException {
        golden(CoreCodecs.CONTRACT_ADDRESS, ContractAddress.of(0x1234), "01 02 12 34");
        golden(CoreCodecs.CLASS_HASH, new ClassHash(Felt.of(5)), "01 01 05");
        golden(CoreCodecs.COMPILED_CLASS_HASH, new CompiledClassHash(Felt.ZERO), "01 00");
        golden(CoreCodecs.NONCE, Nonce.of(0x100), "01 02 01 00");
        golden(CoreCodecs.CHAIN_ID, ChainId.MAINNET, "01 07 53 4e 5f 4d 41 49 4e");
        golden(CoreCodecs.ENTRY_POINT_SELECTOR, new EntryPointSelector(
                Felt.fromHex("0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e")),
                "01 1f 83 af d3 f4 ca ed c6 ee bf 44 24 6f e5 4e 38 c9 5e 31 79 a5 ec 9e a8 17 40 ec a5 b4 82 d1 2e");
        golden(CoreCodecs.STORAGE_KEY,
                new StorageKey(Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251).subtract(BigInteger.ONE))),
                "01 20 07" + " ff".repeat(31));
        golden(CoreCodecs.BLOCK_NUMBER, new BlockNumber(300), "01 ac 02");
        golden(CoreCodecs.BLOCK_NUMBER, new BlockNumber(Long.MAX_VALUE), "01" + " ff".repeat(8) + " 7f");
        golden(CoreCodecs.CALL, new Call(ContractAddress.of(1), new EntryPointSelector(Felt.TWO), List.of(Felt.of(3))),
                "01 01 01 01 02 01 01 03");
    }

    @Test
    void transactionParts() throws DecodingException {
        golden(TransactionCodecs.TRANSACTION_TYPE, TransactionType.DEPLOY_ACCOUNT, "01 03");
        golden(TransactionCodecs.TRANSACTION_TYPE, TransactionType.L1_HANDLER, "01 04");
        golden(TransactionCodecs.DATA_AVAILABILITY_MODE, DataAvailabilityMode.L2, "01 01");
        golden(TransactionCodecs.RESOURCE_BOUNDS, new ResourceBounds(Felt.of(0x10), Felt.ZERO), "01 01 10 00");
        golden(TransactionCodecs.RESOURCE_BOUNDS, new ResourceBounds(TWO_TO_64_MINUS_ONE, TWO_TO_128_MINUS_ONE),
                "01 08" + " ff".repeat(8) + " 10" + " ff".repeat(16));
        golden(TransactionCodecs.ALL_RESOURCE_BOUNDS,
                AllResourceBounds.withoutL1DataGas(ResourceBounds.of(1, 2), ResourceBounds.ZERO),
                "01 01 01 01 02 00 00 00");
        golden(TransactionCodecs.ALL_RESOURCE_BOUNDS,
                AllResourceBounds.of(ResourceBounds.of(1, 2), ResourceBounds.ZERO, ResourceBounds.of(3, 0x100)),
                "01 01 01 01 02 00 00 01 01 03 02 01 00");
        golden(TransactionCodecs.V3_FIELDS, new V3Fields(
                AllResourceBounds.withoutL1DataGas(ResourceBounds.ZERO, ResourceBounds.ZERO), Felt.of(5), List.of(),
                DataAvailabilityMode.L1, DataAvailabilityMode.L2),
                "01 00 00 00 00 00 01 05 00 00 01");
    }

    @Test
    void transactions() throws DecodingException {
        String invokeBody = "01 01 02 01 02 01 03 01 01 04" + " 00".repeat(11);
        golden(TransactionCodecs.INVOKE, INVOKE, "01 " + invokeBody);
        golden(TransactionCodecs.TRANSACTION, INVOKE, "01 00 " + invokeBody);
        String deployAccountBody = "01 01 01 02" + " 00".repeat(12);
        golden(TransactionCodecs.DEPLOY_ACCOUNT, DEPLOY_ACCOUNT, "01 " + deployAccountBody);
        golden(TransactionCodecs.TRANSACTION, DEPLOY_ACCOUNT, "01 03 " + deployAccountBody);
        String l1HandlerBody = "01 01 01 02 01 01 03 01 04 00";
        golden(TransactionCodecs.L1_HANDLER, L1_HANDLER, "01 " + l1HandlerBody);
        golden(TransactionCodecs.TRANSACTION, L1_HANDLER, "01 04 " + l1HandlerBody);
        // The worked example with an L1 data gas bound (0x3, 0x100): the absent marker becomes 01 01 03 02 01 00.
        InvokeTransaction withDataGas = new InvokeTransaction(ContractAddress.of(1), INVOKE.calldata(),
                INVOKE.signature(), Nonce.ZERO, new V3Fields(AllResourceBounds.of(ResourceBounds.ZERO,
                        ResourceBounds.ZERO, ResourceBounds.of(3, 0x100)), Felt.ZERO, List.of(),
                        DataAvailabilityMode.L1, DataAvailabilityMode.L1), List.of());
        golden(TransactionCodecs.TRANSACTION, withDataGas,
                "01 00 01 01 02 01 02 01 03 01 01 04 00 00 00 00 00 01 01 03 02 01 00 00 00 00 00 00");
    }

    @Test
    void executableTransaction() throws DecodingException {
        ExecutableTransaction executable = ExecutableTransaction.of(L1_HANDLER, ChainId.SEPOLIA);
        golden(TransactionCodecs.executable(ChainId.SEPOLIA), executable, "01 04 01 01 01 02 01 01 03 01 04 00");
        ExecutableTransaction decoded = TransactionCodecs.executable(ChainId.SEPOLIA)
                .decode(bytes("01 04 01 01 01 02 01 01 03 01 04 00"));
        assertThat(decoded.hash()).isEqualTo(TransactionHashes.hash(L1_HANDLER, ChainId.SEPOLIA));
    }

    @Test
    void executionRecords() throws DecodingException {
        Event event = new Event(ContractAddress.of(1), List.of(Felt.TWO), List.of());
        golden(ExecutionCodecs.EVENT, event, "01 01 01 01 01 02 00");
        golden(ExecutionCodecs.MESSAGE_TO_L1, new MessageToL1(ContractAddress.of(1), Felt.TWO,
                List.of(Felt.of(3), Felt.of(4))), "01 01 01 01 02 02 01 03 01 04");
        golden(ExecutionCodecs.GAS_CONSUMED, new GasConsumed(0, 1, 128), "01 00 01 80 01");
        golden(ExecutionCodecs.EXECUTION_STATUS, ExecutionStatus.SUCCEEDED, "01 00");
        golden(ExecutionCodecs.EXECUTION_STATUS, ExecutionStatus.REVERTED, "01 01");
        golden(ExecutionCodecs.RECEIPT, new Receipt(Felt.of(0xab), TransactionType.INVOKE, Felt.of(0x10),
                ExecutionStatus.REVERTED, Optional.of("né"), List.of(), List.of(), GasConsumed.l2(5)),
                "01 01 ab 00 01 10 01 01 03 6e c3 a9 00 00 00 00 05");
        golden(ExecutionCodecs.RECEIPT, new Receipt(Felt.ONE, TransactionType.L1_HANDLER, Felt.ZERO,
                ExecutionStatus.SUCCEEDED, Optional.empty(), List.of(event), List.of(), GasConsumed.ZERO),
                "01 01 01 04 00 00 00 01 01 01 01 01 02 00 00 00 00 00");
    }

    @Test
    void stateDiff() throws DecodingException {
        NavigableMap<StorageKey, Felt> slots = new TreeMap<>(Map.of(StorageKey.of(2), Felt.of(3)));
        StateDiff diff = new StateDiff(new TreeMap<>(Map.of(ContractAddress.of(1), slots)),
                new TreeMap<>(Map.of(ContractAddress.of(1), Nonce.of(1))), new TreeMap<>(),
                new TreeMap<>(Map.of(new ClassHash(Felt.of(5)), new CompiledClassHash(Felt.of(6)))));
        golden(StateCodecs.STATE_DIFF, diff, "01 01 01 01 01 01 02 01 03 01 01 01 01 01 00 01 01 05 01 06");
        golden(StateCodecs.STATE_DIFF, StateDiff.EMPTY, "01 00 00 00 00");
    }

    @Test
    void gasPrices() throws DecodingException {
        golden(BlockCodecs.GAS_PRICES, new GasPrices(Felt.ONE, Felt.TWO, Felt.of(3), Felt.of(4), Felt.of(5),
                Felt.ZERO), "01 01 01 01 02 01 03 01 04 01 05 00");
    }

    private static <T> void golden(Codec<T> codec, T value, String expectedHex) throws DecodingException {
        byte[] expected = bytes(expectedHex);
        assertThat(HexFormat.ofDelimiter(" ").formatHex(codec.encode(value))).as("encoding of %s", value)
                .isEqualTo(HexFormat.ofDelimiter(" ").formatHex(expected));
        assertThat(codec.decode(expected)).isEqualTo(value);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
