package io.vellum.blockifier.codec;

/**
 * A limit on everything the encoding holds. The encoder refuses a value over a limit ({@link EncodingException})
 * and the decoder refuses bytes that claim more ({@link DecodingException.Reason#LIMIT_EXCEEDED}), so whatever is
 * written can be read back, and a corrupt length can never make the decoder allocate more than the input's size.
 *
 * <p>These are limits of the format, set with headroom above Starknet's own limits (quoted with each), which the
 * layers that produce values enforce: the gateway's 4,000 calldata and signature felts, and execution's per-
 * transaction event limits (50 keys, 300 data felts, 1,000 events). Anything those layers accept fits here.
 * Raising a limit is compatible (old bytes still decode); lowering one is a format change (a new version).
 */
public final class CodecLimits {
    /** The largest encoded top-level value, in bytes (64 MiB); it binds before the product of the list limits. */
    public static final int ENCODED_BYTES_MAX = 64 << 20;

    /** Calldata of an INVOKE, an L1_HANDLER or a call; constructor calldata of a DEPLOY_ACCOUNT (Starknet: 4,000). */
    public static final int CALLDATA_FELTS_MAX = 4_096;
    /** A transaction's signature (Starknet: 4,000). */
    public static final int SIGNATURE_FELTS_MAX = 4_096;
    /** A V3 transaction's paymaster data. */
    public static final int PAYMASTER_DATA_FELTS_MAX = 4_096;
    /** A V3 transaction's account deployment data. */
    public static final int ACCOUNT_DEPLOYMENT_DATA_FELTS_MAX = 4_096;

    /** An event's keys (Starknet: 50). */
    public static final int EVENT_KEYS_MAX = 256;
    /** An event's data (Starknet: 300). */
    public static final int EVENT_DATA_FELTS_MAX = 4_096;
    /** The events of one receipt (Starknet: 1,000 emitted per transaction, plus the fee transfer's). */
    public static final int EVENTS_PER_RECEIPT_MAX = 4_096;
    /** The L2-to-L1 messages of one receipt. */
    public static final int MESSAGES_PER_RECEIPT_MAX = 4_096;
    /** A message's payload. */
    public static final int MESSAGE_PAYLOAD_FELTS_MAX = 4_096;
    /** A revert reason, in UTF-8 bytes; execution truncates longer ones. */
    public static final int REVERT_REASON_BYTES_MAX = 65_536;

    /**
     * A state diff's length as Starknet counts it ({@link io.vellum.blockifier.state.StateDiff#length()}: storage
     * entries, nonces, deployed contracts and declared classes together). 2^18 entries of at most 66 bytes each
     * stay well inside {@link #ENCODED_BYTES_MAX}.
     */
    public static final int STATE_DIFF_ENTRIES_MAX = 1 << 18;

    /** A list of felts encoded on its own ({@link Codecs#FELT_LIST}). */
    public static final int FELT_LIST_MAX = 1 << 20;

    private CodecLimits() {
    }
}
