package io.vellum.blockifier.codec;

import static io.vellum.blockifier.codec.CodecGoldenBytesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.codec.DecodingException.Reason;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasConsumed;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.TransactionType;
import io.vellum.blockifier.transaction.V3Fields;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each way bytes can fail to be a canonical encoding, with the reason and offset the decoder must report, and each
 * value the encoder must refuse to write. The inputs are written by hand from {@code docs/encoding.md}.
 */
class CodecStrictnessTest {

    @Test
    void framing() {
        refused(Codecs.FELT, "", Reason.TRUNCATED, 0);
        refused(Codecs.FELT, "02 00", Reason.UNKNOWN_VERSION, 0);
        refused(Codecs.FELT, "00 00", Reason.UNKNOWN_VERSION, 0);
        refused(Codecs.FELT, "01", Reason.TRUNCATED, 1);
        refused(Codecs.FELT, "01 00 00", Reason.TRAILING_BYTES, 2);
        refused(Codecs.FELT_LIST, "01 01 01 05 ff", Reason.TRAILING_BYTES, 4);
    }

    @Test
    void inputAboveTheSizeLimit() {
        byte[] huge = new byte[CodecLimits.ENCODED_BYTES_MAX + 1];
        huge[0] = 1;
        assertThatThrownBy(() -> Codecs.FELT_LIST.decode(huge))
                .isInstanceOfSatisfying(DecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
    }

    @Test
    void felts() {
        refused(Codecs.FELT, "01 21" + " 01".repeat(33), Reason.FELT_TOO_LONG, 1);
        refused(Codecs.FELT, "01 ff", Reason.FELT_TOO_LONG, 1);
        refused(Codecs.FELT, "01 01 00", Reason.NON_MINIMAL_FELT, 1);
        refused(Codecs.FELT, "01 02 00 05", Reason.NON_MINIMAL_FELT, 1);
        refused(Codecs.FELT, "01 02 12", Reason.TRUNCATED, 1);
        // p itself, and 2^256 - 1.
        refused(Codecs.FELT, "01 20 08 00 00 00 00 00 00 11" + " 00".repeat(23) + " 01", Reason.FELT_OUT_OF_RANGE, 1);
        refused(Codecs.FELT, "01 20" + " ff".repeat(32), Reason.FELT_OUT_OF_RANGE, 1);
    }

    @Test
    void varints() {
        refused(CoreCodecs.BLOCK_NUMBER, "01 80 00", Reason.NON_MINIMAL_VARINT, 1);
        refused(CoreCodecs.BLOCK_NUMBER, "01 81 00", Reason.NON_MINIMAL_VARINT, 1);
        refused(CoreCodecs.BLOCK_NUMBER, "01 80", Reason.TRUNCATED, 1);
        // 2^63 is a valid varint but not a block number; 2^64 is not a varint at all.
        refused(CoreCodecs.BLOCK_NUMBER, "01" + " 80".repeat(9) + " 01", Reason.VARINT_OVERFLOW, 1);
        refused(CoreCodecs.BLOCK_NUMBER, "01" + " 80".repeat(9) + " 02", Reason.VARINT_OVERFLOW, 1);
        refused(CoreCodecs.BLOCK_NUMBER, "01" + " ff".repeat(10) + " 01", Reason.VARINT_OVERFLOW, 1);
        refused(ExecutionCodecs.GAS_CONSUMED, "01 00 00" + " ff".repeat(9) + " 01", Reason.VARINT_OVERFLOW, 3);
    }

    @Test
    void tagsAndEnumCodes() {
        refused(TransactionCodecs.TRANSACTION, "01 01", Reason.UNKNOWN_TAG, 1); // DECLARE is not executable
        refused(TransactionCodecs.TRANSACTION, "01 02", Reason.UNKNOWN_TAG, 1); // nor DEPLOY
        refused(TransactionCodecs.TRANSACTION, "01 09", Reason.UNKNOWN_TAG, 1);
        refused(TransactionCodecs.TRANSACTION_TYPE, "01 05", Reason.UNKNOWN_TAG, 1);
        refused(TransactionCodecs.DATA_AVAILABILITY_MODE, "01 02", Reason.UNKNOWN_TAG, 1);
        refused(ExecutionCodecs.EXECUTION_STATUS, "01 02", Reason.UNKNOWN_TAG, 1);
        // The presence byte of the L1 data gas bound.
        refused(TransactionCodecs.ALL_RESOURCE_BOUNDS, "01 00 00 00 00 02", Reason.UNKNOWN_TAG, 5);
    }

    @Test
    void valuesTheRecordsReject() {
        // An address of 2^251.
        refused(CoreCodecs.CONTRACT_ADDRESS, "01 20 08" + " 00".repeat(31), Reason.INVALID_VALUE, 1);
        // max_amount of 2^64; max_price_per_unit of 2^128.
        refused(TransactionCodecs.RESOURCE_BOUNDS, "01 09 01" + " 00".repeat(8) + " 00", Reason.INVALID_VALUE, 1);
        refused(TransactionCodecs.RESOURCE_BOUNDS, "01 00 11 01" + " 00".repeat(16), Reason.INVALID_VALUE, 1);
        // A tip of 2^64.
        refused(TransactionCodecs.V3_FIELDS, "01 00 00 00 00 00 09 01" + " 00".repeat(8) + " 00 00 00",
                Reason.INVALID_VALUE, 6);
        // A SUCCEEDED receipt with a revert reason, and a REVERTED one without.
        refused(ExecutionCodecs.RECEIPT, "01 01 ab 00 00 00 01 00 00 00 00 00 00", Reason.INVALID_VALUE, 1);
        refused(ExecutionCodecs.RECEIPT, "01 01 ab 00 00 01 00 00 00 00 00 00", Reason.INVALID_VALUE, 1);
    }

    @Test
    void maps() {
        // Nonces {0x2: 0, 0x1: 0}: keys out of order; {0x1: 0, 0x1: 0}: twice the same key.
        refused(StateCodecs.STATE_DIFF, "01 00 02 01 02 00 01 01 00 00 00", Reason.UNSORTED_KEYS, 6);
        refused(StateCodecs.STATE_DIFF, "01 00 02 01 01 00 01 01 00 00 00", Reason.DUPLICATE_KEY, 6);
        // Storage of contract 0x1 with keys 0x3 then 0x2.
        refused(StateCodecs.STATE_DIFF, "01 01 01 01 02 01 03 00 01 02 00 00 00 00 00", Reason.UNSORTED_KEYS, 8);
        // Storage contracts 0x2 then 0x1.
        refused(StateCodecs.STATE_DIFF, "01 02 01 02 01 00 00 01 01 01 00 00 00 00 00 00", Reason.UNSORTED_KEYS, 7);
        // Contract 0x1 with an empty storage map.
        refused(StateCodecs.STATE_DIFF, "01 01 01 01 00 00 00 00", Reason.INVALID_VALUE, 4);
        // Declared classes with a class hash of 2^251.
        refused(StateCodecs.STATE_DIFF, "01 00 00 00 01 20 08" + " 00".repeat(31) + " 00", Reason.INVALID_VALUE, 5);
    }

    @Test
    void countsAboveTheirLimits() {
        // Calldata claiming 4,097 felts (varint 81 20), over CALLDATA_FELTS_MAX.
        refused(TransactionCodecs.L1_HANDLER, "01 00 00 81 20", Reason.LIMIT_EXCEEDED, 3);
        // A felt list claiming 100 felts with 2 bytes left.
        refused(Codecs.FELT_LIST, "01 64 00 00", Reason.TRUNCATED, 1);
        // Event keys claiming 257.
        refused(ExecutionCodecs.EVENT, "01 00 81 02", Reason.LIMIT_EXCEEDED, 2);
        // A count of 2^63 (not an int at all).
        refused(Codecs.FELT_LIST, "01" + " 80".repeat(9) + " 01", Reason.LIMIT_EXCEEDED, 1);
    }

    @Test
    void text() {
        String receiptHead = "01 01 ab 00 00 01 01 ";
        String receiptTail = " 00 00 00 00 00";
        // c3 28: a lead byte without its continuation; c0 80: an overlong NUL; ed a0 80: an encoded surrogate;
        // f4 90 80 80: above U+10FFFF.
        refused(ExecutionCodecs.RECEIPT, receiptHead + "02 c3 28" + receiptTail, Reason.MALFORMED_TEXT, 7);
        refused(ExecutionCodecs.RECEIPT, receiptHead + "02 c0 80" + receiptTail, Reason.MALFORMED_TEXT, 7);
        refused(ExecutionCodecs.RECEIPT, receiptHead + "03 ed a0 80" + receiptTail, Reason.MALFORMED_TEXT, 7);
        refused(ExecutionCodecs.RECEIPT, receiptHead + "04 f4 90 80 80" + receiptTail, Reason.MALFORMED_TEXT, 7);
        refused(ExecutionCodecs.RECEIPT, receiptHead + "0a 6e 6f" + receiptTail, Reason.TRUNCATED, 7);
    }

    @Test
    void theEncoderRefusesWhatCouldNotBeDecoded() {
        List<Felt> tooLong = Collections.nCopies(CodecLimits.CALLDATA_FELTS_MAX + 1, Felt.ONE);
        InvokeTransaction invoke = new InvokeTransaction(ContractAddress.of(1), tooLong, List.of(), Nonce.ZERO,
                V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(1, 1)), 0), List.of());
        assertThatThrownBy(() -> TransactionCodecs.TRANSACTION.encode(invoke))
                .isInstanceOfSatisfying(EncodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EncodingException.Reason.LIMIT_EXCEEDED));

        Receipt loneSurrogate = reverted("bad \uD800 text");
        assertThatThrownBy(() -> ExecutionCodecs.RECEIPT.encode(loneSurrogate))
                .isInstanceOfSatisfying(EncodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EncodingException.Reason.MALFORMED_TEXT));

        Receipt longReason = reverted("x".repeat(CodecLimits.REVERT_REASON_BYTES_MAX + 1));
        assertThatThrownBy(() -> ExecutionCodecs.RECEIPT.encode(longReason))
                .isInstanceOfSatisfying(EncodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EncodingException.Reason.LIMIT_EXCEEDED));
        // Exactly at the limit is fine, and reads back.
        Receipt atLimit = reverted("é".repeat(CodecLimits.REVERT_REASON_BYTES_MAX / 2));
        assertThat(decodes(ExecutionCodecs.RECEIPT, ExecutionCodecs.RECEIPT.encode(atLimit))).isEqualTo(atLimit);
    }

    @Test
    void theEncoderRefusesAStateDiffAboveItsLimit() {
        NavigableMap<StorageKey, Felt> slots = new TreeMap<>();
        for (int i = 0; i <= CodecLimits.STATE_DIFF_ENTRIES_MAX; i++) {
            slots.put(StorageKey.of(i), Felt.ONE);
        }
        StateDiff diff = new StateDiff(new TreeMap<>(Map.of(ContractAddress.of(1), slots)), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>());
        assertThatThrownBy(() -> StateCodecs.STATE_DIFF.encode(diff))
                .isInstanceOfSatisfying(EncodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EncodingException.Reason.LIMIT_EXCEEDED));
    }

    @Test
    void aStateDiffOverItsBudgetAcrossMapsIsRefused() {
        // 2^17 + 1 nonce entries claimed after 2^17 storage entries would pass each map's own check but not the
        // diff's total; the count itself is refused before any entry is read.
        CodecWriter writer = new CodecWriter();
        writer.writeByte(Codecs.FORMAT_VERSION);
        writer.writeVarint(1);
        writer.writeFelt(Felt.ONE);
        int half = CodecLimits.STATE_DIFF_ENTRIES_MAX / 2;
        writer.writeVarint(half);
        for (int i = 0; i < half; i++) {
            writer.writeFelt(Felt.of(i));
            writer.writeFelt(Felt.ONE);
        }
        int nonceCountAt = writer.size();
        writer.writeVarint(half + 1);
        for (int i = 0; i <= half; i++) {
            writer.writeFelt(Felt.of(i));
            writer.writeFelt(Felt.ONE);
        }
        writer.writeVarint(0);
        writer.writeVarint(0);
        assertThatThrownBy(() -> StateCodecs.STATE_DIFF.decode(writer.toByteArray()))
                .isInstanceOfSatisfying(DecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED);
                    assertThat(e.offset()).isEqualTo(nonceCountAt);
                });
    }

    // ---------------------------------------------------------------------------------------------------

    private static Receipt reverted(String reason) {
        return new Receipt(Felt.ONE, TransactionType.INVOKE, Felt.ONE, ExecutionStatus.REVERTED, Optional.of(reason),
                List.of(), List.of(), GasConsumed.ZERO);
    }

    private static <T> T decodes(Codec<T> codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (DecodingException e) {
            throw new AssertionError(e);
        }
    }

    private static void refused(Codec<?> codec, String hex, Reason reason, int offset) {
        assertThatThrownBy(() -> codec.decode(bytes(hex)))
                .as("decoding %s", hex)
                .isInstanceOfSatisfying(DecodingException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
                });
    }
}
