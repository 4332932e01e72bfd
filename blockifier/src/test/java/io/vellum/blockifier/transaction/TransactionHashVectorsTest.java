package io.vellum.blockifier.transaction;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.ContractAddresses;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.blockifier.transaction.TransactionHashes.Mode;
import io.vellum.blockifier.vectors.Vectors;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every entry of every section of {@code vectors/tx-hash.json}: each transaction's hash and, where the vector has
 * one, its query hash, through the low-level function of its kind and version, and — for the kinds Vellum
 * executes (INVOKE v3, DEPLOY_ACCOUNT v3, L1_HANDLER) — also through the {@link Transaction} records,
 * {@link TransactionHashes#hash}, {@link TransactionHashes#queryHash} and {@link ExecutableTransaction}.
 */
class TransactionHashVectorsTest {
    private static final String FILE = "tx-hash.json";

    /** What one section's run checked, for the count assertions. */
    private static final class Counts {
        int hashes;
        int queryHashes;
        int throughRecords;
        int derivedAddresses;
        int deprecatedForm;
    }

    @Test
    void realTransactions() {
        List<JsonNode> entries = Vectors.entries(FILE, "real_transactions");
        Counts counts = checkAll(entries);
        assertThat(counts.hashes).isEqualTo(entries.size()).isEqualTo(24);
        assertThat(counts.queryHashes).isEqualTo(12);
        // INVOKE v3 without proof facts (1 mainnet, 1 integration, 3 Sepolia), DEPLOY_ACCOUNT v3, 1 L1_HANDLER.
        assertThat(counts.throughRecords).isEqualTo(7);
        assertThat(counts.derivedAddresses).isEqualTo(3);
        // The block-1367 L1_HANDLER uses the pre-0.9 form. The vector notes say it may be skipped; it is not:
        // TransactionHashes.l1HandlerDeprecated reproduces it.
        assertThat(counts.deprecatedForm).isEqualTo(1);
    }

    @Test
    void constructed() {
        List<JsonNode> entries = Vectors.entries(FILE, "constructed");
        Counts counts = checkAll(entries);
        assertThat(counts.hashes).isEqualTo(entries.size()).isEqualTo(2);
        assertThat(counts.throughRecords).isEqualTo(1);
    }

    @Test
    void generatedInvokeV3() {
        List<JsonNode> entries = Vectors.entries(FILE, "generated_invoke_v3");
        Counts counts = checkAll(entries);
        assertThat(counts.hashes).isEqualTo(entries.size()).isEqualTo(16);
        assertThat(counts.queryHashes).isEqualTo(16);
        assertThat(counts.throughRecords).isEqualTo(16);
        int signed = 0;
        for (JsonNode v : entries) {
            if (v.has("signer_public_key")) {
                // The signer signed expected_hash: it verifies with the signer's Stark key, and the key matches the
                // signer's private key.
                Signature signature = Signature.fromFelts(Vectors.felts(v.get("signature")));
                Felt publicKey = felt(v, "signer_public_key");
                assertThat(Ecdsa.publicKey(felt(v, "signer_private_key"))).as(describe(v)).isEqualTo(publicKey);
                assertThat(Ecdsa.verify(publicKey, felt(v, "expected_hash"), signature)).as(describe(v)).isTrue();
                signed++;
            }
        }
        assertThat(signed).isEqualTo(3);
    }

    @Test
    void generatedInvokeV1() {
        List<JsonNode> entries = Vectors.entries(FILE, "generated_invoke_v1");
        Counts counts = checkAll(entries);
        assertThat(counts.hashes).isEqualTo(entries.size()).isEqualTo(7);
        assertThat(counts.queryHashes).isEqualTo(7);
    }

    @Test
    void generatedOtherV3() {
        List<JsonNode> entries = Vectors.entries(FILE, "generated_other_v3");
        Counts counts = checkAll(entries);
        assertThat(counts.hashes).isEqualTo(entries.size()).isEqualTo(4);
        assertThat(counts.throughRecords).isEqualTo(2);
        assertThat(counts.derivedAddresses).isEqualTo(2);
    }

    @Test
    void resourceBoundsHash() {
        List<JsonNode> entries = Vectors.entries(FILE, "resource_bounds_hash");
        int checked = 0;
        for (JsonNode v : entries) {
            Felt actual = TransactionHashes.tipAndResourceBoundsHash(felt(v, "tip"), bounds(v));
            assertThat(actual).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(6);
    }

    @Test
    void queryVersionIsVersionPlusTwoToThe128() {
        assertThat(Mode.QUERY.version(3).toHex()).isEqualTo("0x100000000000000000000000000000003");
        assertThat(Mode.EXECUTE.version(1)).isEqualTo(Felt.ONE);
    }

    // ---------------------------------------------------------------------------------------------------

    private static Counts checkAll(List<JsonNode> entries) {
        Counts counts = new Counts();
        for (JsonNode v : entries) {
            check(v, counts);
        }
        return counts;
    }

    private static void check(JsonNode v, Counts counts) {
        String type = v.get("type").asText();
        int version = felt(v, "version").intValueExact();
        ChainId chainId = new ChainId(felt(v, "chain_id"));
        if (v.path("deprecated").asBoolean(false)) {
            assertThat(type).as(describe(v)).isEqualTo("L1_HANDLER");
            Felt actual = TransactionHashes.l1HandlerDeprecated(address(v, "contract_address"), selector(v),
                    felts(v, "calldata"), nonce(v), chainId);
            assertThat(actual).as(describe(v)).isEqualTo(felt(v, "expected_hash"));
            assertThat(v.has("expected_query_hash")).as(describe(v)).isFalse();
            counts.hashes++;
            counts.deprecatedForm++;
            return;
        }
        assertThat(lowLevel(type, version, v, chainId, Mode.EXECUTE)).as(describe(v)).isEqualTo(felt(v, "expected_hash"));
        counts.hashes++;
        if (v.has("expected_query_hash")) {
            assertThat(lowLevel(type, version, v, chainId, Mode.QUERY)).as("query: " + describe(v))
                    .isEqualTo(felt(v, "expected_query_hash"));
            counts.queryHashes++;
        }
        Optional<Transaction> record = record(type, version, v);
        if (record.isPresent()) {
            Transaction transaction = record.get();
            assertThat(TransactionHashes.hash(transaction, chainId)).as(describe(v)).isEqualTo(felt(v, "expected_hash"));
            ExecutableTransaction executable = ExecutableTransaction.of(transaction, chainId);
            assertThat(executable.hash()).as(describe(v)).isEqualTo(felt(v, "expected_hash"));
            assertThat(executable.transaction()).isSameAs(transaction);
            if (v.has("expected_query_hash")) {
                assertThat(TransactionHashes.queryHash(transaction, chainId)).as(describe(v))
                        .isEqualTo(felt(v, "expected_query_hash"));
            }
            counts.throughRecords++;
        }
        if (v.has("derived_contract_address")) {
            ContractAddress derived = ContractAddresses.compute(felt(v, "contract_address_salt"), classHash(v),
                    felts(v, "constructor_calldata"), ContractAddress.of(0));
            assertThat(derived.value()).as(describe(v)).isEqualTo(felt(v, "derived_contract_address"));
            if (record.isPresent() && record.get() instanceof DeployAccountTransaction deployAccount) {
                assertThat(deployAccount.contractAddress()).isEqualTo(derived);
                assertThat(deployAccount.nonceAddress()).isEqualTo(derived);
            }
            counts.derivedAddresses++;
        }
    }

    /** The hash through the low-level function of the vector's kind and version. */
    private static Felt lowLevel(String type, int version, JsonNode v, ChainId chainId, Mode mode) {
        switch (type + " v" + version) {
            case "INVOKE v0":
                return TransactionHashes.invokeV0(address(v, "contract_address"), selector(v), felts(v, "calldata"),
                        felt(v, "max_fee"), chainId, mode);
            case "INVOKE v1":
                return TransactionHashes.invokeV1(address(v, "sender_address"), felts(v, "calldata"),
                        felt(v, "max_fee"), nonce(v), chainId, mode);
            case "INVOKE v3":
                return TransactionHashes.invokeV3(address(v, "sender_address"), felts(v, "calldata"), nonce(v),
                        v3Fields(v), felts(v, "account_deployment_data"), optionalFelts(v, "proof_facts"), chainId,
                        mode);
            case "DECLARE v0":
                return TransactionHashes.declareV0(address(v, "sender_address"), classHash(v), felt(v, "max_fee"),
                        chainId, mode);
            case "DECLARE v1":
                return TransactionHashes.declareV1(address(v, "sender_address"), classHash(v), felt(v, "max_fee"),
                        nonce(v), chainId, mode);
            case "DECLARE v2":
                return TransactionHashes.declareV2(address(v, "sender_address"), classHash(v), compiledClassHash(v),
                        felt(v, "max_fee"), nonce(v), chainId, mode);
            case "DECLARE v3":
                return TransactionHashes.declareV3(address(v, "sender_address"), classHash(v), compiledClassHash(v),
                        nonce(v), v3Fields(v), felts(v, "account_deployment_data"), chainId, mode);
            case "DEPLOY_ACCOUNT v1":
                return TransactionHashes.deployAccountV1(classHash(v), felt(v, "contract_address_salt"),
                        felts(v, "constructor_calldata"), felt(v, "max_fee"), nonce(v), chainId, mode);
            case "DEPLOY_ACCOUNT v3":
                return TransactionHashes.deployAccountV3(classHash(v), felt(v, "contract_address_salt"),
                        felts(v, "constructor_calldata"), nonce(v), v3Fields(v), chainId, mode);
            case "DEPLOY v0":
                return TransactionHashes.deploy(classHash(v), felt(v, "contract_address_salt"),
                        felts(v, "constructor_calldata"), chainId, mode);
            case "L1_HANDLER v0":
                return TransactionHashes.l1Handler(address(v, "contract_address"), selector(v), felts(v, "calldata"),
                        nonce(v), chainId, mode);
            default:
                throw new AssertionError("no hash function for " + type + " v" + version + ": " + describe(v));
        }
    }

    /** The vector as a {@link Transaction} record, for the kinds Vellum executes (without proof facts). */
    private static Optional<Transaction> record(String type, int version, JsonNode v) {
        if (type.equals("INVOKE") && version == 3 && optionalFelts(v, "proof_facts").isEmpty()) {
            return Optional.of(new InvokeTransaction(address(v, "sender_address"), felts(v, "calldata"),
                    optionalFelts(v, "signature"), nonce(v), v3Fields(v), felts(v, "account_deployment_data")));
        }
        if (type.equals("DEPLOY_ACCOUNT") && version == 3) {
            return Optional.of(new DeployAccountTransaction(classHash(v), felt(v, "contract_address_salt"),
                    felts(v, "constructor_calldata"), optionalFelts(v, "signature"), nonce(v), v3Fields(v)));
        }
        if (type.equals("L1_HANDLER") && version == 0) {
            return Optional.of(new L1HandlerTransaction(address(v, "contract_address"), selector(v),
                    felts(v, "calldata"), nonce(v), Felt.ZERO));
        }
        return Optional.empty();
    }

    private static V3Fields v3Fields(JsonNode v) {
        return new V3Fields(bounds(v), felt(v, "tip"), felts(v, "paymaster_data"),
                mode(v, "nonce_data_availability_mode"), mode(v, "fee_data_availability_mode"));
    }

    private static AllResourceBounds bounds(JsonNode v) {
        JsonNode bounds = v.get("resource_bounds");
        ResourceBounds l1Gas = bound(bounds.get("L1_GAS"));
        ResourceBounds l2Gas = bound(bounds.get("L2_GAS"));
        return bounds.has("L1_DATA_GAS")
                ? AllResourceBounds.of(l1Gas, l2Gas, bound(bounds.get("L1_DATA_GAS")))
                : AllResourceBounds.withoutL1DataGas(l1Gas, l2Gas);
    }

    private static ResourceBounds bound(JsonNode bound) {
        return new ResourceBounds(felt(bound, "max_amount"), felt(bound, "max_price_per_unit"));
    }

    private static DataAvailabilityMode mode(JsonNode v, String field) {
        return DataAvailabilityMode.valueOf(v.get(field).asText());
    }

    private static ContractAddress address(JsonNode v, String field) {
        return new ContractAddress(felt(v, field));
    }

    private static EntryPointSelector selector(JsonNode v) {
        return new EntryPointSelector(felt(v, "entry_point_selector"));
    }

    private static Nonce nonce(JsonNode v) {
        return new Nonce(felt(v, "nonce"));
    }

    private static ClassHash classHash(JsonNode v) {
        return new ClassHash(felt(v, "class_hash"));
    }

    private static CompiledClassHash compiledClassHash(JsonNode v) {
        return new CompiledClassHash(felt(v, "compiled_class_hash"));
    }

    private static List<Felt> felts(JsonNode v, String field) {
        JsonNode array = v.get(field);
        if (array == null || !array.isArray()) {
            throw new AssertionError("vector has no array '" + field + "': " + describe(v));
        }
        return Vectors.felts(array);
    }

    private static List<Felt> optionalFelts(JsonNode v, String field) {
        return v.has(field) ? felts(v, field) : List.of();
    }
}
