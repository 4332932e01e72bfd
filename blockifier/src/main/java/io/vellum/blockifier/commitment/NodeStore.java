package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.Optional;

/**
 * Where trie nodes are read from, by hash. Nodes are immutable and content-addressed, so a store only grows: an
 * update writes new nodes and leaves the old ones, which keeps every earlier root readable. Writing is not part
 * of this interface: updates return the nodes they created and the owner persists them (in memory, or in the same
 * RocksDB batch as the rest of a block).
 *
 * <p>Failure model: a store backed by a database may fail to read; it throws an unchecked exception, which the
 * trie code lets through. A missing node under a root that should contain it is a corrupt store, reported by
 * the trie as an {@link IllegalStateException} naming the hash.
 */
public interface NodeStore {

    Optional<TrieNode> node(Felt hash);
}
