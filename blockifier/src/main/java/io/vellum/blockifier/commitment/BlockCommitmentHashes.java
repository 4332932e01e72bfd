package io.vellum.blockifier.commitment;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.crypto.StarknetKeccak;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.MessageToL1;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The pieces of Starknet's block commitments, from v0.13.2 (Poseidon) unless named otherwise. Each method is one
 * formula; {@link BlockCommitments} puts them together.
 */
public final class BlockCommitmentHashes {
    /** The prefix of the state-diff commitment. */
    public static final Felt STATE_DIFF_PREFIX = Felt.fromShortString("STARKNET_STATE_DIFF0");
    /** The prefix of the gas-prices hash (0.13.4+). */
    public static final Felt GAS_PRICES_PREFIX = Felt.fromShortString("STARKNET_GAS_PRICES0");
    /** The state-diff commitment's two data-availability placeholders (one L1 DA segment, mode 0). */
    private static final Felt DATA_AVAILABILITY_SEGMENTS = Felt.ONE;
    private static final Felt DATA_AVAILABILITY_MODE_L1 = Felt.ZERO;
    /** The transaction count is the top field of a felt, so it must stay below 2^59 (2^59 · 2^192 = 2^251). */
    private static final long TRANSACTION_COUNT_LIMIT = 1L << 59;

    /** {@link #messagesSentHash} of no messages, poseidon_many([0]): a constant, computed once. */
    private static final Felt NO_MESSAGES_SENT_HASH = Poseidon.hashMany(Felt.ZERO);

    private BlockCommitmentHashes() {
    }

    /**
     * A transaction-commitment leaf: poseidon_many([tx_hash, ...signature]); before 0.13.4 an empty signature is
     * hashed as [0].
     */
    public static Felt transactionLeaf(SignedTransactionHash transaction, StarknetVersion version) {
        List<Felt> signature = transaction.signature();
        List<Felt> elements = new ArrayList<>(signature.size() + 1);
        elements.add(transaction.transactionHash());
        if (signature.isEmpty() && !version.isAtLeast(StarknetVersion.V0_13_4)) {
            elements.add(Felt.ZERO);
        } else {
            elements.addAll(signature);
        }
        return Poseidon.hashMany(elements);
    }

    /** Before 0.13.2, a transaction-commitment leaf: pedersen(tx_hash, pedersen_on_elements(signature)). */
    public static Felt transactionLeafPedersen(SignedTransactionHash transaction) {
        return Pedersen.hash(transaction.transactionHash(), Pedersen.hashOnElements(transaction.signature()));
    }

    /** An event-commitment leaf: poseidon_many([from, tx_hash, n_keys, ...keys, n_data, ...data]). */
    public static Felt eventHash(Event event, Felt transactionHash) {
        List<Felt> elements = new ArrayList<>(4 + event.keys().size() + event.data().size());
        elements.add(event.fromAddress().value());
        elements.add(Objects.requireNonNull(transactionHash, "transactionHash"));
        elements.add(Felt.of(event.keys().size()));
        elements.addAll(event.keys());
        elements.add(Felt.of(event.data().size()));
        elements.addAll(event.data());
        return Poseidon.hashMany(elements);
    }

    /**
     * Before 0.13.2, an event-commitment leaf: pedersen_on_elements([from, pedersen_on_elements(keys),
     * pedersen_on_elements(data)]).
     */
    public static Felt eventHashPedersen(Event event) {
        return Pedersen.hashOnElements(event.fromAddress().value(), Pedersen.hashOnElements(event.keys()),
                Pedersen.hashOnElements(event.data()));
    }

    /**
     * A receipt-commitment leaf: poseidon_many([tx_hash, actual_fee, messages_sent_hash, revert_reason_hash, 0,
     * l1_gas, l1_data_gas]). The fifth element stands for L2 gas and is 0 in every version so far (0.14.1
     * included).
     */
    public static Felt receiptHash(Receipt receipt) {
        return Poseidon.hashMany(receipt.transactionHash(), receipt.actualFee(),
                messagesSentHash(receipt.messagesToL1()), revertReasonHash(receipt.revertReason()), Felt.ZERO,
                Felt.of(receipt.gasConsumed().l1Gas()), Felt.of(receipt.gasConsumed().l1DataGas()));
    }

    /** poseidon_many([n, (from, to, payload_length, ...payload) for each message]). */
    public static Felt messagesSentHash(List<MessageToL1> messages) {
        if (messages.isEmpty()) {
            return NO_MESSAGES_SENT_HASH; // most receipts: saves one permutation each
        }
        List<Felt> elements = new ArrayList<>();
        elements.add(Felt.of(messages.size()));
        for (MessageToL1 message : messages) {
            elements.add(message.fromAddress().value());
            elements.add(message.toAddress());
            elements.add(Felt.of(message.payload().size()));
            elements.addAll(message.payload());
        }
        return Poseidon.hashMany(elements);
    }

    /** starknet_keccak of the revert reason's bytes, or 0 for a transaction that did not revert. */
    public static Felt revertReasonHash(Optional<String> revertReason) {
        return revertReason.map(reason -> StarknetKeccak.hash(reason.getBytes(StandardCharsets.UTF_8)))
                .orElse(Felt.ZERO);
    }

    /**
     * The state-diff commitment: poseidon_many(["STARKNET_STATE_DIFF0", n_deployed, (address, class_hash)...,
     * n_declared, (class_hash, compiled_class_hash)..., n_deprecated, class_hash..., 1, 0, n_contracts_with_storage,
     * (address, n_writes, (key, value)...)..., n_nonces, (address, nonce)...]), every list sorted by its key.
     * Deployed contracts include replaced classes; {@code deprecatedDeclaredClasses} are Cairo 0 classes (Vellum
     * declares none).
     */
    public static Felt stateDiffCommitment(StateDiff diff, SortedSet<ClassHash> deprecatedDeclaredClasses) {
        List<Felt> elements = new ArrayList<>(8 + 2 * diff.length() + diff.storageUpdates().size());
        elements.add(STATE_DIFF_PREFIX);
        elements.add(Felt.of(diff.deployedContracts().size()));
        for (Map.Entry<ContractAddress, ClassHash> deployed : diff.deployedContracts().entrySet()) {
            elements.add(deployed.getKey().value());
            elements.add(deployed.getValue().value());
        }
        elements.add(Felt.of(diff.declaredClasses().size()));
        for (Map.Entry<ClassHash, CompiledClassHash> declared : diff.declaredClasses().entrySet()) {
            elements.add(declared.getKey().value());
            elements.add(declared.getValue().value());
        }
        elements.add(Felt.of(deprecatedDeclaredClasses.size()));
        for (ClassHash deprecated : deprecatedDeclaredClasses) {
            elements.add(deprecated.value());
        }
        elements.add(DATA_AVAILABILITY_SEGMENTS);
        elements.add(DATA_AVAILABILITY_MODE_L1);
        elements.add(Felt.of(diff.storageUpdates().size()));
        for (Map.Entry<ContractAddress, NavigableMap<StorageKey, Felt>> contract : diff.storageUpdates().entrySet()) {
            elements.add(contract.getKey().value());
            elements.add(Felt.of(contract.getValue().size()));
            for (Map.Entry<StorageKey, Felt> write : contract.getValue().entrySet()) {
                elements.add(write.getKey().value());
                elements.add(write.getValue());
            }
        }
        elements.add(Felt.of(diff.nonces().size()));
        for (Map.Entry<ContractAddress, Nonce> nonce : diff.nonces().entrySet()) {
            elements.add(nonce.getKey().value());
            elements.add(nonce.getValue().value());
        }
        return Poseidon.hashMany(elements);
    }

    /** The state-diff length the block hash counts: the diff's length plus the deprecated declared classes. */
    public static long stateDiffLength(StateDiff diff, SortedSet<ClassHash> deprecatedDeclaredClasses) {
        return (long) diff.length() + deprecatedDeclaredClasses.size();
    }

    /**
     * tx_count · 2^192 + event_count · 2^128 + state_diff_length · 2^64 + (BLOB ? 2^63 : 0). Counts are
     * non-negative, and the transaction count is below 2^59 so that the sum is a felt.
     */
    public static Felt concatenatedCounts(long transactionCount, long eventCount, long stateDiffLength,
            L1DataAvailabilityMode mode) {
        if (transactionCount >= TRANSACTION_COUNT_LIMIT) {
            throw new IllegalArgumentException("transaction count does not fit the concatenated counts: "
                    + transactionCount);
        }
        BigInteger counts = count(transactionCount, "transaction").shiftLeft(192)
                .or(count(eventCount, "event").shiftLeft(128))
                .or(count(stateDiffLength, "state-diff").shiftLeft(64));
        if (Objects.requireNonNull(mode, "mode") == L1DataAvailabilityMode.BLOB) {
            counts = counts.setBit(63);
        }
        return Felt.fromBigInteger(counts);
    }

    /**
     * From 0.13.4: poseidon_many(["STARKNET_GAS_PRICES0", l1 wei, l1 fri, l1 data wei, l1 data fri, l2 wei,
     * l2 fri]).
     */
    public static Felt gasPricesHash(GasPrices prices) {
        return Poseidon.hashMany(GAS_PRICES_PREFIX, prices.l1GasPriceWei(), prices.l1GasPriceFri(),
                prices.l1DataGasPriceWei(), prices.l1DataGasPriceFri(), prices.l2GasPriceWei(),
                prices.l2GasPriceFri());
    }

    /** The root of the height-64 Poseidon trie whose leaf i is {@code leaves.get(i)} (0 for no leaves). */
    public static Felt commitmentRoot(List<Felt> leaves) {
        return PatriciaTrie.rootOfSequence(PatriciaTrie.COMMITMENT_TRIE_HEIGHT, TrieHashFunction.POSEIDON, leaves);
    }

    private static BigInteger count(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " count must not be negative: " + value);
        }
        return BigInteger.valueOf(value);
    }
}
