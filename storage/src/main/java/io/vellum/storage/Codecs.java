package io.vellum.storage;

import io.vellum.blockifier.commitment.BinaryNode;
import io.vellum.blockifier.commitment.EdgeNode;
import io.vellum.blockifier.commitment.TrieNode;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.nio.charset.StandardCharsets;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Payload layouts of the structured values (inside the {@link Envelope}). Every decoder reads the whole payload
 * and reports anything malformed as a {@link CorruptionException}; the layouts are in {@code docs/storage.md}.
 */
final class Codecs {
    /** Limits a decoder accepts, far above anything a block holds, so a damaged count cannot exhaust memory. */
    static final int DIFF_ENTRIES_MAX = 50_000_000;

    private static final int TAG_BINARY = 0;
    private static final int TAG_EDGE = 1;

    private Codecs() {
    }

    // -----------------------------------------------------------------------------------------------------
    // State diffs: contracts ‖ nonces ‖ deployed ‖ declared, each a u32 count of entries.

    static byte[] encodeStateDiff(StateDiff diff, ColumnFamily columnFamily, byte[] key) {
        int estimate = 16 + diff.storageEntryCount() * 48 + diff.storageUpdates().size() * 36
                + diff.nonces().size() * 42 + (diff.deployedContracts().size() + diff.declaredClasses().size()) * 64;
        Envelope.Writer writer = Envelope.writer(estimate);
        writer.u32(diff.storageUpdates().size());
        diff.storageUpdates().forEach((contract, updates) -> {
            writer.felt(contract.value()).u32(updates.size());
            updates.forEach((storageKey, value) -> writer.felt(storageKey.value()).compactFelt(value));
        });
        writer.u32(diff.nonces().size());
        diff.nonces().forEach((contract, nonce) -> writer.felt(contract.value()).compactFelt(nonce.value()));
        writer.u32(diff.deployedContracts().size());
        diff.deployedContracts().forEach((contract, classHash) -> writer.felt(contract.value())
                .felt(classHash.value()));
        writer.u32(diff.declaredClasses().size());
        diff.declaredClasses().forEach((classHash, compiled) -> writer.felt(classHash.value())
                .felt(compiled.value()));
        return writer.seal(columnFamily, key);
    }

    static StateDiff decodeStateDiff(Payload payload) {
        try {
            TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
            int contracts = payload.count(DIFF_ENTRIES_MAX);
            for (int i = 0; i < contracts; i++) {
                ContractAddress contract = new ContractAddress(payload.felt());
                int entries = payload.count(DIFF_ENTRIES_MAX);
                TreeMap<StorageKey, Felt> updates = new TreeMap<>();
                for (int j = 0; j < entries; j++) {
                    updates.put(new StorageKey(payload.felt()), payload.compactFelt());
                }
                storage.put(contract, updates);
            }
            TreeMap<ContractAddress, Nonce> nonces = new TreeMap<>();
            int nonceCount = payload.count(DIFF_ENTRIES_MAX);
            for (int i = 0; i < nonceCount; i++) {
                nonces.put(new ContractAddress(payload.felt()), new Nonce(payload.compactFelt()));
            }
            TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
            int deployedCount = payload.count(DIFF_ENTRIES_MAX);
            for (int i = 0; i < deployedCount; i++) {
                deployed.put(new ContractAddress(payload.felt()), new ClassHash(payload.felt()));
            }
            TreeMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
            int declaredCount = payload.count(DIFF_ENTRIES_MAX);
            for (int i = 0; i < declaredCount; i++) {
                declared.put(new ClassHash(payload.felt()), new CompiledClassHash(payload.felt()));
            }
            payload.end();
            return new StateDiff(storage, nonces, deployed, declared);
        } catch (IllegalArgumentException e) {
            // A felt above 2^251 where an address or key belongs (FeltException is an IllegalArgumentException).
            throw payload.corrupt("invalid state diff: " + e.getMessage());
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Trie nodes: binary = 0 ‖ left(32) ‖ right(32); edge = 1 ‖ length(1) ‖ child(32) ‖ path(ceil(length / 8)).

    static byte[] encodeNode(TrieNode node, byte[] key) {
        if (node instanceof BinaryNode binary) {
            return Envelope.writer(65).u8(TAG_BINARY).felt(binary.left()).felt(binary.right())
                    .seal(ColumnFamily.TRIE_NODES, key);
        }
        EdgeNode edge = (EdgeNode) node;
        int pathBytes = (edge.length() + 7) / 8;
        byte[] path = edge.path().toBytes();
        byte[] tail = new byte[pathBytes];
        System.arraycopy(path, Felt.BYTES - pathBytes, tail, 0, pathBytes);
        return Envelope.writer(2 + Felt.BYTES + pathBytes).u8(TAG_EDGE).u8(edge.length()).felt(edge.child())
                .bytes(tail).seal(ColumnFamily.TRIE_NODES, key);
    }

    static TrieNode decodeNode(Payload payload) {
        int tag = payload.u8();
        try {
            if (tag == TAG_BINARY) {
                TrieNode node = new BinaryNode(payload.felt(), payload.felt());
                payload.end();
                return node;
            }
            if (tag == TAG_EDGE) {
                int length = payload.u8();
                if (length < 1 || length > 251) {
                    throw payload.corrupt("edge length " + length);
                }
                Felt child = payload.felt();
                byte[] path = payload.bytes((length + 7) / 8);
                payload.end();
                return new EdgeNode(child, Felt.fromBytes(path), length);
            }
        } catch (IllegalArgumentException e) {
            throw payload.corrupt("invalid trie node: " + e.getMessage());
        }
        throw payload.corrupt("unknown trie node tag " + tag);
    }

    // -----------------------------------------------------------------------------------------------------
    // Prover jobs: status(1) ‖ attempts(4) ‖ lease expiry ms(8) ‖ owner (u32 length ‖ UTF-8) ‖ last failure (same)
    // ‖ proof digest (felt, 32; absent in jobs written before it existed: read as zero).

    static byte[] encodeJob(ProverJob job, byte[] key) {
        byte[] owner = job.leaseOwner().getBytes(StandardCharsets.UTF_8);
        byte[] failure = job.lastFailure().getBytes(StandardCharsets.UTF_8);
        return Envelope.writer(21 + owner.length + failure.length + 32)
                .u8(job.status().ordinal()).u32(job.attempts()).u64(job.leaseExpiresAtMs())
                .u32(owner.length).bytes(owner).u32(failure.length).bytes(failure).felt(job.proofDigest())
                .seal(ColumnFamily.PROVER_JOBS, key);
    }

    static ProverJob decodeJob(BlockNumber height, Payload payload) {
        int status = payload.u8();
        if (status >= ProverJob.Status.values().length) {
            throw payload.corrupt("unknown job status " + status);
        }
        int attempts = payload.u32();
        long expiresAtMs = payload.u64();
        String owner = payload.utf8(ProverJob.OWNER_BYTES_MAX);
        String failure = payload.utf8(ProverJob.FAILURE_CHARS_MAX * 4);
        Felt digest = payload.remaining() == 0 ? Felt.ZERO : payload.felt();
        payload.end();
        try {
            return new ProverJob(height, ProverJob.Status.values()[status], attempts, owner, expiresAtMs, failure,
                    digest);
        } catch (IllegalArgumentException e) {
            throw payload.corrupt("invalid prover job: " + e.getMessage());
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Small fixed layouts.

    static byte[] encodeLocation(long block, int position, byte[] key) {
        return Envelope.writer(12).u64(block).u32(position).seal(ColumnFamily.TRANSACTION_INDEX, key);
    }

    static TransactionLocation decodeLocation(Payload payload) {
        long block = payload.u64();
        int position = payload.u32();
        payload.end();
        if (block < 0 || position < 0) {
            throw payload.corrupt("negative block or position");
        }
        return new TransactionLocation(new BlockNumber(block), position);
    }

    static byte[] encodeTwoFelts(ColumnFamily columnFamily, byte[] key, Felt first, Felt second) {
        return Envelope.writer(64).felt(first).felt(second).seal(columnFamily, key);
    }

    /** A single felt value, compact. */
    static byte[] encodeFelt(ColumnFamily columnFamily, byte[] key, Felt value) {
        return Envelope.writer(33).compactFelt(value).seal(columnFamily, key);
    }

    static Felt decodeFelt(Payload payload) {
        Felt value = payload.compactFelt();
        payload.end();
        return value;
    }

    static <T> T checked(Payload payload, java.util.function.Function<Felt, T> wrap) {
        Felt value = decodeFelt(payload);
        try {
            return wrap.apply(value);
        } catch (IllegalArgumentException e) {
            throw payload.corrupt(e.getMessage());
        }
    }
}
