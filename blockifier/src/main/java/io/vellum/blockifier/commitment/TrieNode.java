package io.vellum.blockifier.commitment;

/**
 * An inner node of a binary Patricia-Merkle trie, stored under its hash. Leaves are not stored: a leaf's hash is
 * its value.
 */
public sealed interface TrieNode permits BinaryNode, EdgeNode {
}
