package io.vellum.storage;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** Raw access to a store's column families, below the envelope, for tests that compare or damage stores. */
final class Raw {
    private Raw() {
    }

    /** Every entry of a column family as hex key to hex value, in key order. */
    static Map<String, String> entries(Store store, ColumnFamily columnFamily) {
        TreeMap<String, String> out = new TreeMap<>();
        HexFormat hex = HexFormat.of();
        try (RocksIterator iterator = store.db().iterator(columnFamily, store.db().totalOrderReads)) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                out.put(hex.formatHex(iterator.key()), hex.formatHex(iterator.value()));
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static long count(Store store, ColumnFamily columnFamily) {
        long count = 0;
        try (RocksIterator iterator = store.db().iterator(columnFamily, store.db().totalOrderReads)) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                count++;
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw new AssertionError(e);
        }
        return count;
    }

    static List<byte[]> keys(Store store, ColumnFamily columnFamily) {
        List<byte[]> out = new ArrayList<>();
        try (RocksIterator iterator = store.db().iterator(columnFamily, store.db().totalOrderReads)) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                out.add(iterator.key());
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static byte[] get(Store store, ColumnFamily columnFamily, byte[] key) {
        try {
            return store.db().rocks.get(store.db().handle(columnFamily), key);
        } catch (RocksDBException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes raw bytes under a key, bypassing the envelope: how tests damage a value. */
    static void put(Store store, ColumnFamily columnFamily, byte[] key, byte[] value) {
        try {
            store.db().rocks.put(store.db().handle(columnFamily), key, value);
        } catch (RocksDBException e) {
            throw new AssertionError(e);
        }
    }
}
