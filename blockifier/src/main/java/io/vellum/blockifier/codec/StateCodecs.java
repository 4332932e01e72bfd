package io.vellum.blockifier.codec;

import io.vellum.blockifier.codec.DecodingException.Reason;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The codec of {@link StateDiff}: four maps, each a count then its entries in strictly ascending key order.
 * Storage updates nest a map per contract, which is never empty (a diff does not keep a contract without storage
 * changes, so an empty inner map would decode to a diff that encodes differently: it is refused).
 * {@link CodecLimits#STATE_DIFF_ENTRIES_MAX} bounds the diff's length, counted as {@link StateDiff#length()} does.
 */
public final class StateCodecs {
    /** Storage updates, nonces, deployed contracts, declared classes. */
    public static final Codec<StateDiff> STATE_DIFF = new Codec<>() {
        @Override
        public void write(CodecWriter writer, StateDiff value) {
            int length = value.length();
            if (length > CodecLimits.STATE_DIFF_ENTRIES_MAX) {
                throw new EncodingException(EncodingException.Reason.LIMIT_EXCEEDED, "state diff has " + length
                        + " entries, above the limit of " + CodecLimits.STATE_DIFF_ENTRIES_MAX);
            }
            int max = CodecLimits.STATE_DIFF_ENTRIES_MAX;
            writer.writeCount(value.storageUpdates().size(), max, "storage updates");
            for (Map.Entry<ContractAddress, NavigableMap<StorageKey, Felt>> contract
                    : value.storageUpdates().entrySet()) {
                writer.writeFelt(contract.getKey().value());
                writer.writeCount(contract.getValue().size(), max, "storage updates of a contract");
                for (Map.Entry<StorageKey, Felt> entry : contract.getValue().entrySet()) {
                    writer.writeFelt(entry.getKey().value());
                    writer.writeFelt(entry.getValue());
                }
            }
            writer.writeCount(value.nonces().size(), max, "nonces");
            for (Map.Entry<ContractAddress, Nonce> entry : value.nonces().entrySet()) {
                writer.writeFelt(entry.getKey().value());
                writer.writeFelt(entry.getValue().value());
            }
            writer.writeCount(value.deployedContracts().size(), max, "deployed contracts");
            for (Map.Entry<ContractAddress, ClassHash> entry : value.deployedContracts().entrySet()) {
                writer.writeFelt(entry.getKey().value());
                writer.writeFelt(entry.getValue().value());
            }
            writer.writeCount(value.declaredClasses().size(), max, "declared classes");
            for (Map.Entry<ClassHash, CompiledClassHash> entry : value.declaredClasses().entrySet()) {
                writer.writeFelt(entry.getKey().value());
                writer.writeFelt(entry.getValue().value());
            }
        }

        @Override
        public StateDiff read(CodecReader reader) throws DecodingException {
            Budget budget = new Budget();
            // Each storage contract holds at least one entry (so there are no more contracts than entries) and
            // takes at least 4 bytes: address, count, and one (key, value) entry.
            int contracts = reader.readCount(CodecLimits.STATE_DIFF_ENTRIES_MAX, 4, "storage updates");
            TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
            ContractAddress previousContract = null;
            for (int i = 0; i < contracts; i++) {
                int contractStart = reader.position();
                ContractAddress contract = CoreCodecs.CONTRACT_ADDRESS.read(reader);
                checkAscending(reader, contractStart, previousContract, contract);
                previousContract = contract;
                int countStart = reader.position();
                int entries = budget.take(reader, 2, "storage updates of a contract");
                if (entries == 0) {
                    throw reader.error(Reason.INVALID_VALUE, countStart,
                            "contract " + contract + " has an empty storage map (a diff keeps none)");
                }
                TreeMap<StorageKey, Felt> updates = new TreeMap<>();
                StorageKey previousKey = null;
                for (int j = 0; j < entries; j++) {
                    int keyStart = reader.position();
                    StorageKey key = CoreCodecs.STORAGE_KEY.read(reader);
                    checkAscending(reader, keyStart, previousKey, key);
                    previousKey = key;
                    updates.put(key, reader.readFelt());
                }
                storage.put(contract, updates);
            }
            TreeMap<ContractAddress, Nonce> nonces = new TreeMap<>();
            int count = budget.take(reader, 2, "nonces");
            ContractAddress previous = null;
            for (int i = 0; i < count; i++) {
                int start = reader.position();
                ContractAddress address = CoreCodecs.CONTRACT_ADDRESS.read(reader);
                checkAscending(reader, start, previous, address);
                previous = address;
                nonces.put(address, CoreCodecs.NONCE.read(reader));
            }
            TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
            count = budget.take(reader, 2, "deployed contracts");
            previous = null;
            for (int i = 0; i < count; i++) {
                int start = reader.position();
                ContractAddress address = CoreCodecs.CONTRACT_ADDRESS.read(reader);
                checkAscending(reader, start, previous, address);
                previous = address;
                deployed.put(address, CoreCodecs.CLASS_HASH.read(reader));
            }
            TreeMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
            count = budget.take(reader, 2, "declared classes");
            ClassHash previousClass = null;
            for (int i = 0; i < count; i++) {
                int start = reader.position();
                ClassHash classHash = CoreCodecs.CLASS_HASH.read(reader);
                checkAscending(reader, start, previousClass, classHash);
                previousClass = classHash;
                declared.put(classHash, CoreCodecs.COMPILED_CLASS_HASH.read(reader));
            }
            return new StateDiff(storage, nonces, deployed, declared);
        }
    };

    private StateCodecs() {
    }

    /** What is left of {@link CodecLimits#STATE_DIFF_ENTRIES_MAX} while a diff is read. */
    private static final class Budget {
        private int entriesLeft = CodecLimits.STATE_DIFF_ENTRIES_MAX;

        /** Reads a count of entries, at most the entries left, and spends it. */
        int take(CodecReader reader, int minimumEntryBytes, String what) throws DecodingException {
            int count = reader.readCount(entriesLeft, minimumEntryBytes, what);
            entriesLeft -= count;
            return count;
        }
    }

    private static <K extends Comparable<K>> void checkAscending(CodecReader reader, int start, K previous, K key)
            throws DecodingException {
        if (previous == null) {
            return;
        }
        int order = previous.compareTo(key);
        if (order == 0) {
            throw reader.error(Reason.DUPLICATE_KEY, start, "key " + key + " appears twice");
        }
        if (order > 0) {
            throw reader.error(Reason.UNSORTED_KEYS, start, "key " + key + " follows the larger key " + previous);
        }
    }
}
