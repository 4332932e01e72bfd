package io.vellum.blockifier.commitment;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasConsumed;
import io.vellum.blockifier.execution.MessageToL1;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.transaction.TransactionType;
import io.vellum.blockifier.vectors.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Every entry of every section of {@code vectors/block-hash.json}. */
class BlockHashVectorsTest {
    private static final String FILE = "block-hash.json";

    /** A block of the vectors, in our input types. */
    private record Block(BlockHeaderFields header, L1DataAvailabilityMode mode,
            List<SignedTransactionHash> transactions, List<Receipt> receipts, StateDiff diff,
            SortedSet<ClassHash> deprecated) {
    }

    @Test
    void realBlocks() {
        List<JsonNode> entries = Vectors.entries(FILE, "real_blocks");
        int checked = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (JsonNode v : entries) {
                Block block = block(v);
                JsonNode expected = v.get("expected");
                String what = v.get("name").asText();
                BlockCommitments commitments = assertCommitments(block, expected, what);
                assertThat(BlockCommitments.compute(block.transactions(), block.receipts(), block.diff(),
                        block.deprecated(), block.mode(), block.header().starknetVersion(), new Parallelism(pool, 3)))
                        .as("parallel: " + what).isEqualTo(commitments);
                assertThat(commitments.transactionCount()).isEqualTo(expected.get("transaction_count").asLong());
                assertThat(commitments.eventCount()).isEqualTo(expected.get("event_count").asLong());

                // The per-leaf lists.
                StarknetVersion version = block.header().starknetVersion();
                List<Felt> transactionLeaves = new ArrayList<>();
                block.transactions().forEach(
                        t -> transactionLeaves.add(BlockCommitmentHashes.transactionLeaf(t, version)));
                assertThat(transactionLeaves).as(what).isEqualTo(Vectors.felts(expected.get("tx_leaves")));
                List<Felt> eventHashes = new ArrayList<>();
                List<Felt> receiptHashes = new ArrayList<>();
                for (Receipt receipt : block.receipts()) {
                    receipt.events().forEach(e -> eventHashes.add(
                            BlockCommitmentHashes.eventHash(e, receipt.transactionHash())));
                    receiptHashes.add(BlockCommitmentHashes.receiptHash(receipt));
                }
                assertThat(eventHashes).as(what).isEqualTo(Vectors.felts(expected.get("event_hashes")));
                assertThat(receiptHashes).as(what).isEqualTo(Vectors.felts(expected.get("receipt_hashes")));
                checked++;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(3);
    }

    @Test
    void sequencerRegression() {
        List<JsonNode> entries = Vectors.entries(FILE, "sequencer_regression");
        int checked = 0;
        for (JsonNode v : entries) {
            assertCommitments(block(v), v.get("expected"), v.get("name").asText());
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(2);
    }

    @Test
    void headerOnly() {
        List<JsonNode> entries = Vectors.entries(FILE, "header_only");
        int checked = 0;
        for (JsonNode v : entries) {
            BlockCommitments commitments = new BlockCommitments(felt(v, "transaction_commitment"),
                    felt(v, "event_commitment"), felt(v, "receipt_commitment"), felt(v, "state_diff_commitment"),
                    v.get("transaction_count").asLong(), v.get("event_count").asLong(),
                    v.get("state_diff_length").asLong(), mode(v.get("l1_da_mode")));
            assertThat(BlockHash.compute(header(v), commitments)).as(describe(v))
                    .isEqualTo(felt(v, "expected_block_hash"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(3);
    }

    @Test
    void componentVectors() {
        List<JsonNode> entries = Vectors.entries(FILE, "component_vectors");
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode v : entries) {
            JsonNode input = v.get("input");
            String kind = v.get("kind").asText();
            Felt actual = switch (kind) {
                case "transaction_leaf" -> BlockCommitmentHashes.transactionLeaf(signed(input), version(input));
                case "transaction_commitment" -> {
                    List<Felt> leaves = new ArrayList<>();
                    input.get("leaves_from").forEach(t ->
                            leaves.add(BlockCommitmentHashes.transactionLeaf(signed(t), version(input))));
                    yield BlockCommitmentHashes.commitmentRoot(leaves);
                }
                case "event_hash" -> BlockCommitmentHashes.eventHash(event(input), felt(input, "transaction_hash"));
                case "event_commitment" -> {
                    List<Felt> leaves = new ArrayList<>();
                    input.get("events").forEach(e ->
                            leaves.add(BlockCommitmentHashes.eventHash(event(e), felt(e, "transaction_hash"))));
                    yield BlockCommitmentHashes.commitmentRoot(leaves);
                }
                case "receipt_hash" -> BlockCommitmentHashes.receiptHash(receipt(input, TransactionType.INVOKE));
                case "receipt_commitment" -> {
                    List<Felt> leaves = new ArrayList<>();
                    input.get("receipts").forEach(r ->
                            leaves.add(BlockCommitmentHashes.receiptHash(receipt(r, TransactionType.INVOKE))));
                    yield BlockCommitmentHashes.commitmentRoot(leaves);
                }
                case "messages_sent_hash" -> BlockCommitmentHashes.messagesSentHash(messages(input.get("messages")));
                case "revert_reason_hash" ->
                        BlockCommitmentHashes.revertReasonHash(Optional.of(input.get("revert_reason").asText()));
                case "state_diff_hash" ->
                        BlockCommitmentHashes.stateDiffCommitment(stateDiff(input), deprecated(input));
                case "concat_counts" -> BlockCommitmentHashes.concatenatedCounts(
                        input.get("transaction_count").asLong(), input.get("event_count").asLong(),
                        input.get("state_diff_length").asLong(), mode(input.get("l1_da_mode")));
                case "event_hash_pre_0_13_2_pedersen" -> BlockCommitmentHashes.eventHashPedersen(event(input));
                case "transaction_leaf_pre_0_13_2_pedersen" ->
                        BlockCommitmentHashes.transactionLeafPedersen(signed(input));
                case "gas_prices_hash_0_13_4" -> BlockCommitmentHashes.gasPricesHash(gasPrices(input));
                default -> throw new AssertionError("unknown component vector kind " + kind);
            };
            assertThat(actual).as(describe(v)).isEqualTo(felt(v, "expected"));
            kinds.merge(kind, 1, Integer::sum);
        }
        assertThat(kinds.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(entries.size()).isEqualTo(17);
        assertThat(kinds).hasSize(13);
        // The empty-signature rule, both ways: [0] before 0.13.4, nothing from 0.13.4.
        assertThat(kinds.get("transaction_leaf")).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static BlockCommitments assertCommitments(Block block, JsonNode expected, String what) {
        BlockCommitments commitments = BlockCommitments.compute(block.transactions(), block.receipts(), block.diff(),
                block.deprecated(), block.mode(), block.header().starknetVersion());
        assertThat(commitments.transactionCommitment()).as(what).isEqualTo(felt(expected, "transaction_commitment"));
        assertThat(commitments.eventCommitment()).as(what).isEqualTo(felt(expected, "event_commitment"));
        assertThat(commitments.receiptCommitment()).as(what).isEqualTo(felt(expected, "receipt_commitment"));
        assertThat(commitments.stateDiffCommitment()).as(what).isEqualTo(felt(expected, "state_diff_commitment"));
        assertThat(commitments.stateDiffLength()).as(what).isEqualTo(expected.get("state_diff_length").asLong());
        assertThat(commitments.concatenatedCounts()).as(what).isEqualTo(felt(expected, "concatenated_counts"));
        assertThat(BlockHash.compute(block.header(), commitments)).as(what).isEqualTo(felt(expected, "block_hash"));
        return commitments;
    }

    private static Block block(JsonNode v) {
        JsonNode header = v.get("header");
        List<SignedTransactionHash> transactions = new ArrayList<>();
        Map<Felt, TransactionType> types = new HashMap<>();
        for (JsonNode t : v.get("transactions")) {
            transactions.add(signed(t));
            types.put(felt(t, "transaction_hash"),
                    t.has("type") ? type(t.get("type").asText()) : TransactionType.INVOKE);
        }
        List<Receipt> receipts = new ArrayList<>();
        v.get("receipts").forEach(r -> receipts.add(receipt(r, types.get(felt(r, "transaction_hash")))));
        return new Block(header(header), mode(header.get("l1_da_mode")), transactions, receipts,
                stateDiff(v.get("state_diff")), deprecated(v.get("state_diff")));
    }

    private static BlockHeaderFields header(JsonNode h) {
        return new BlockHeaderFields(new BlockNumber(felt(h, "block_number").longValueExact()),
                felt(h, "parent_block_hash"), felt(h, "state_root"),
                new ContractAddress(felt(h, "sequencer_address")), felt(h, "timestamp").longValueExact(),
                gasPrices(h), StarknetVersion.parse(h.get("starknet_version").asText()));
    }

    private static GasPrices gasPrices(JsonNode h) {
        return new GasPrices(felt(h.get("l1_gas_price"), "price_in_wei"), felt(h.get("l1_gas_price"), "price_in_fri"),
                felt(h.get("l1_data_gas_price"), "price_in_wei"), felt(h.get("l1_data_gas_price"), "price_in_fri"),
                felt(h.get("l2_gas_price"), "price_in_wei"), felt(h.get("l2_gas_price"), "price_in_fri"));
    }

    private static L1DataAvailabilityMode mode(JsonNode text) {
        return L1DataAvailabilityMode.valueOf(text.asText());
    }

    private static StarknetVersion version(JsonNode input) {
        return StarknetVersion.parse(input.get("starknet_version").asText());
    }

    private static TransactionType type(String feederType) {
        return switch (feederType) {
            case "INVOKE_FUNCTION", "INVOKE" -> TransactionType.INVOKE;
            case "DECLARE" -> TransactionType.DECLARE;
            case "DEPLOY" -> TransactionType.DEPLOY;
            case "DEPLOY_ACCOUNT" -> TransactionType.DEPLOY_ACCOUNT;
            case "L1_HANDLER" -> TransactionType.L1_HANDLER;
            default -> throw new AssertionError("unknown transaction type " + feederType);
        };
    }

    private static SignedTransactionHash signed(JsonNode t) {
        return new SignedTransactionHash(felt(t, "transaction_hash"), Vectors.felts(t.get("signature")));
    }

    private static Event event(JsonNode e) {
        return new Event(new ContractAddress(felt(e, "from_address")), Vectors.felts(e.get("keys")),
                Vectors.felts(e.get("data")));
    }

    private static List<MessageToL1> messages(JsonNode array) {
        List<MessageToL1> messages = new ArrayList<>();
        array.forEach(m -> messages.add(new MessageToL1(new ContractAddress(felt(m, "from_address")),
                felt(m, "to_address"), Vectors.felts(m.get("payload")))));
        return messages;
    }

    private static Receipt receipt(JsonNode r, TransactionType type) {
        JsonNode reason = r.get("revert_reason");
        Optional<String> revertReason =
                reason == null || reason.isNull() ? Optional.empty() : Optional.of(reason.asText());
        List<Event> events = new ArrayList<>();
        r.get("events").forEach(e -> events.add(event(e)));
        return new Receipt(felt(r, "transaction_hash"), type, felt(r, "actual_fee"),
                revertReason.isPresent() ? ExecutionStatus.REVERTED : ExecutionStatus.SUCCEEDED, revertReason,
                events, messages(r.get("messages_sent")),
                new GasConsumed(felt(r, "l1_gas").longValueExact(), felt(r, "l1_data_gas").longValueExact(), 0));
    }

    private static StateDiff stateDiff(JsonNode d) {
        NavigableMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        d.get("storage_diffs").forEach(contract -> {
            NavigableMap<StorageKey, Felt> writes = new TreeMap<>();
            contract.get(1).forEach(w -> writes.put(new StorageKey(Felt.fromHex(w.get(0).asText())),
                    Felt.fromHex(w.get(1).asText())));
            storage.put(ContractAddress.of(contract.get(0).asText()), writes);
        });
        NavigableMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        d.get("nonces").forEach(n -> nonces.put(ContractAddress.of(n.get(0).asText()),
                new Nonce(Felt.fromHex(n.get(1).asText()))));
        NavigableMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        d.get("deployed_contracts_and_replaced_classes").forEach(p -> deployed.put(
                ContractAddress.of(p.get(0).asText()), ClassHash.of(p.get(1).asText())));
        NavigableMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        d.get("declared_classes").forEach(p -> declared.put(ClassHash.of(p.get(0).asText()),
                new CompiledClassHash(Felt.fromHex(p.get(1).asText()))));
        return new StateDiff(storage, nonces, deployed, declared);
    }

    private static SortedSet<ClassHash> deprecated(JsonNode d) {
        SortedSet<ClassHash> classes = new TreeSet<>();
        d.get("deprecated_declared_classes").forEach(c -> classes.add(ClassHash.of(c.asText())));
        return classes;
    }
}
