package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Checks a store's internal structure, independently of how it got there (after each test, as Caffeine's
 * validators do): every value passes its checksum; markers agree with the column families they count; the
 * latest state is exactly the newest history entry of every subject; each stored state diff is exactly the
 * history entries of its block.
 */
final class StoreValidator {
    private StoreValidator() {
    }

    private record Entry(byte[] key, Payload payload) {
    }

    private static List<Entry> entries(Store store, ColumnFamily columnFamily) {
        List<Entry> out = new ArrayList<>();
        try (RocksIterator iterator = store.db().iterator(columnFamily, store.db().totalOrderReads)) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                out.add(new Entry(key, Envelope.open(columnFamily, key, iterator.value())));
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static void validate(Store store) {
        Markers markers = Markers.load(store.db(), store.db().plainReads);
        assertThat(markers).as("markers on disk vs in memory").isEqualTo(store.markers());
        assertThat(Raw.count(store, ColumnFamily.DEFAULT)).as("default column family").isZero();

        Set<String> metaNames = Set.of(Markers.FORMAT_VERSION, Markers.APPLIED_INDEX, Markers.HEAD,
                Markers.COMMITTED, Markers.TRIE_HEIGHT, Markers.PENDING_NEXT_SEQUENCE, Markers.PENDING_COUNT,
                Markers.PROVER_NEXT_HEIGHT, Markers.PROVER_LOWEST_UNPROVEN);
        for (Entry entry : entries(store, ColumnFamily.META)) {
            assertThat(metaNames).contains(new String(entry.key(), java.nio.charset.StandardCharsets.US_ASCII));
        }

        assertNumbered(store, ColumnFamily.BLOCKS, markers.head() + 1);
        assertNumbered(store, ColumnFamily.RECEIPTS, markers.head() + 1);
        assertNumbered(store, ColumnFamily.STATE_DIFFS, markers.head() + 1);
        assertNumbered(store, ColumnFamily.BLOCK_COMMITMENTS, markers.committed() + 1);
        assertNumbered(store, ColumnFamily.TRIE_ROOTS, markers.trieHeight() + 1);
        assertNumbered(store, ColumnFamily.PROVER_JOBS, markers.proverNextHeight());

        // Transaction index: positions within a block are distinct, blocks are stored.
        Map<Long, Set<Integer>> positions = new HashMap<>();
        for (Entry entry : entries(store, ColumnFamily.TRANSACTION_INDEX)) {
            TransactionLocation location = Codecs.decodeLocation(entry.payload());
            assertThat(location.block().value()).isLessThanOrEqualTo(markers.head());
            assertThat(positions.computeIfAbsent(location.block().value(), b -> new HashSet<>())
                    .add(location.position())).as("position taken twice").isTrue();
        }

        // Pending queue: the two column families mirror each other, and the count matches.
        Map<Felt, Long> bySequence = new HashMap<>();
        for (Entry entry : entries(store, ColumnFamily.PENDING_TRANSACTIONS)) {
            long sequence = Keys.readLong(entry.key(), 0);
            assertThat(sequence).isLessThan(markers.pendingNextSequence());
            assertThat(bySequence.put(entry.payload().felt(), sequence)).as("hash pending twice").isNull();
        }
        Map<Felt, Long> byIndex = new HashMap<>();
        for (Entry entry : entries(store, ColumnFamily.PENDING_INDEX)) {
            byIndex.put(Felt.fromBytes(entry.key()), entry.payload().u64());
        }
        assertThat(byIndex).isEqualTo(bySequence);
        assertThat((long) byIndex.size()).isEqualTo(markers.pendingCount());

        // Prover queue: everything below the lowest unproven height is proven, and that one is not.
        for (Entry entry : entries(store, ColumnFamily.PROVER_JOBS)) {
            long height = Keys.readLong(entry.key(), 0);
            ProverJob job = Codecs.decodeJob(new BlockNumber(height), entry.payload());
            if (height < markers.proverLowestUnproven()) {
                assertThat(job.status()).as("job " + height).isEqualTo(ProverJob.Status.PROVEN);
            } else if (height == markers.proverLowestUnproven()) {
                assertThat(job.status()).as("job " + height).isNotEqualTo(ProverJob.Status.PROVEN);
            }
        }

        for (Entry entry : entries(store, ColumnFamily.TRIE_NODES)) {
            Codecs.decodeNode(entry.payload());
        }
        for (Entry entry : entries(store, ColumnFamily.CONTRACT_STORAGE_ROOTS)) {
            assertThat(Codecs.decodeFelt(entry.payload()).isZero()).isFalse();
        }

        validateHistory(store, markers);
    }

    private static void assertNumbered(Store store, ColumnFamily columnFamily, long count) {
        List<byte[]> keys = Raw.keys(store, columnFamily);
        assertThat((long) keys.size()).as(columnFamily + " entries").isEqualTo(count);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(keys.get(i)).as(columnFamily + " key " + i).isEqualTo(Keys.number(i));
        }
        entries(store, columnFamily);
    }

    private static void validateHistory(Store store, Markers markers) {
        // Per block, the subjects and values its history entries hold, per column family.
        Map<Long, Map<ColumnFamily, Map<String, Felt>>> perBlock = new TreeMap<>();
        ColumnFamily[][] pairs = {
            {ColumnFamily.STORAGE, ColumnFamily.STORAGE_HISTORY},
            {ColumnFamily.NONCES, ColumnFamily.NONCE_HISTORY},
            {ColumnFamily.CLASS_HASHES, ColumnFamily.CLASS_HASH_HISTORY},
            {ColumnFamily.DECLARED_CLASSES, ColumnFamily.DECLARED_CLASS_HISTORY},
        };
        for (ColumnFamily[] pair : pairs) {
            ColumnFamily flat = pair[0];
            ColumnFamily history = pair[1];
            boolean zeroIsAbsent = flat != ColumnFamily.DECLARED_CLASSES;
            Map<String, Felt> newest = new HashMap<>();
            for (Entry entry : entries(store, history)) {
                assertThat(entry.key()).hasSize(history.prefixBytes + 8);
                String subject = java.util.HexFormat.of().formatHex(entry.key(), 0, history.prefixBytes);
                long block = Keys.historyBlock(entry.key(), history.prefixBytes);
                assertThat(block).isBetween(0L, markers.head());
                Felt value = Codecs.decodeFelt(entry.payload());
                // Newest first within a subject: the first entry seen is the newest.
                newest.putIfAbsent(subject, value);
                perBlock.computeIfAbsent(block, b -> new HashMap<>()).computeIfAbsent(flat, f -> new HashMap<>())
                        .put(subject, value);
            }
            Map<String, Felt> expectedFlat = new HashMap<>();
            newest.forEach((subject, value) -> {
                if (!(zeroIsAbsent && value.isZero())) {
                    expectedFlat.put(subject, value);
                }
            });
            Map<String, Felt> actualFlat = new HashMap<>();
            for (Entry entry : entries(store, flat)) {
                actualFlat.put(java.util.HexFormat.of().formatHex(entry.key()), Codecs.decodeFelt(entry.payload()));
            }
            assertThat(actualFlat).as("latest " + flat + " is the newest history of every subject")
                    .isEqualTo(expectedFlat);
        }
        // Each stored diff holds exactly its block's history entries.
        for (long block = 0; block <= markers.head(); block++) {
            StateDiff diff = store.stateDiff(new BlockNumber(block)).orElseThrow();
            Map<ColumnFamily, Map<String, Felt>> fromDiff = new HashMap<>();
            diff.storageUpdates().forEach((contract, updates) -> updates.forEach((key, value) ->
                    fromDiff.computeIfAbsent(ColumnFamily.STORAGE, f -> new HashMap<>())
                            .put(java.util.HexFormat.of().formatHex(Keys.storage(contract, key)), value)));
            diff.nonces().forEach((contract, nonce) -> fromDiff.computeIfAbsent(ColumnFamily.NONCES,
                    f -> new HashMap<>()).put(java.util.HexFormat.of().formatHex(Keys.contract(contract)),
                    nonce.value()));
            diff.deployedContracts().forEach((contract, classHash) -> fromDiff.computeIfAbsent(
                    ColumnFamily.CLASS_HASHES, f -> new HashMap<>()).put(
                    java.util.HexFormat.of().formatHex(Keys.contract(contract)), classHash.value()));
            diff.declaredClasses().forEach((classHash, compiled) -> fromDiff.computeIfAbsent(
                    ColumnFamily.DECLARED_CLASSES, f -> new HashMap<>()).put(
                    java.util.HexFormat.of().formatHex(Keys.felt(classHash.value())), compiled.value()));
            assertThat(fromDiff).as("diff of block " + block)
                    .isEqualTo(perBlock.getOrDefault(block, Map.of()));
        }
        assertThat(Arrays.asList(perBlock.keySet().toArray())).allMatch(b -> (Long) b <= markers.head());
    }
}
