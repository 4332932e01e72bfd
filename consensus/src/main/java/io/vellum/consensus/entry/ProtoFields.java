package io.vellum.consensus.entry;

import com.google.protobuf.ByteString;
import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.RejectionCode;
import io.vellum.proposer.NodeId;

/**
 * Field conversions shared by every protobuf message Vellum stores or logs: felts as exactly 32 big-endian bytes
 * below p, node ids, and the fixed codes of close reasons and rejection reasons (append only: a stored log must
 * keep its meaning whatever the enum order becomes).
 */
public final class ProtoFields {
    private ProtoFields() {
    }

    public static ByteString felt(Felt value) {
        return ByteString.copyFrom(value.toBytes());
    }

    public static Felt felt(ByteString bytes, String what) throws EntryDecodingException {
        if (bytes.size() != Felt.BYTES) {
            throw new EntryDecodingException(what + " must be 32 bytes, not " + bytes.size());
        }
        try {
            return Felt.fromBytes(bytes.toByteArray());
        } catch (IllegalArgumentException e) {
            throw new EntryDecodingException(what + ": " + e.getMessage(), e);
        }
    }

    public static NodeId nodeId(String text) throws EntryDecodingException {
        try {
            return NodeId.of(text);
        } catch (IllegalArgumentException e) {
            throw new EntryDecodingException(e.getMessage(), e);
        }
    }

    /** Stable codes of the close reasons; append only. */
    public static int closeReasonCode(BlockCloseReason reason) {
        return switch (reason) {
            case TRANSACTION_COUNT -> 1;
            case L2_GAS -> 2;
            case STATE_DIFF_SIZE -> 3;
            case EVENTS -> 4;
            case INTERVAL_ELAPSED -> 5;
            case NO_MORE_TRANSACTIONS -> 6;
        };
    }

    public static BlockCloseReason closeReason(int code) throws EntryDecodingException {
        for (BlockCloseReason reason : BlockCloseReason.values()) {
            if (closeReasonCode(reason) == code) {
                return reason;
            }
        }
        throw new EntryDecodingException("unknown close reason code " + code);
    }

    /** Stable codes of the rejection reasons; append only. */
    public static int rejectionCode(RejectionCode code) {
        return switch (code) {
            case INVALID_NONCE -> 1;
            case ACCOUNT_NOT_DEPLOYED -> 2;
            case NOT_AN_ACCOUNT -> 3;
            case CONTRACT_ALREADY_DEPLOYED -> 4;
            case INVALID_SIGNATURE -> 5;
            case VALIDATION_FAILED -> 6;
            case INSUFFICIENT_BALANCE_FOR_FEE_BOUND -> 7;
            case MAX_L2_GAS_PRICE_TOO_LOW -> 8;
            case MAX_L2_GAS_AMOUNT_TOO_LOW -> 9;
            case TRANSACTION_TOO_LARGE -> 10;
            case TRANSACTION_FIELD_TOO_LONG -> 11;
            case UNSUPPORTED_FEATURE -> 12;
            case FEE_TRANSFER_FAILED -> 13;
        };
    }

    public static RejectionCode rejectionCode(int code) throws EntryDecodingException {
        for (RejectionCode candidate : RejectionCode.values()) {
            if (rejectionCode(candidate) == code) {
                return candidate;
            }
        }
        throw new EntryDecodingException("unknown rejection code " + code);
    }
}
