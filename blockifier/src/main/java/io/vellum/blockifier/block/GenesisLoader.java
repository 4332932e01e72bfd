package io.vellum.blockifier.block;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a genesis description from JSON into a {@link GenesisSpec}, strictly: unknown fields are errors (a typo
 * must not silently give a different genesis), and every error is a {@link GenesisException} naming the field by
 * its path. The format (see {@code docs/execution.md} and the sample {@code genesis/devnet.json}):
 *
 * <pre>
 * {
 *   "chain_id": "VELLUM_DEVNET",                        short string; optional, this is the default
 *   "fee_token": {                                      optional, these are the defaults
 *     "address": "0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d",
 *     "name": "Starknet Token", "symbol": "STRK", "decimals": 18,
 *     "l1_bridge": "0x0"                                L1 address allowed to deposit; 0: none
 *   },
 *   "accounts": [                                       each entry: a listed key or a derived group
 *     { "private_key": "0x1234", "balance": "1000000000000000000000" },
 *     { "seed": "0x5eed", "count": 100, "balance": "1000000000000000000000" }
 *   ],
 *   "workload": {                                       optional; every contract off by default
 *     "counter": true, "key_value": true, "gas_burner": true,
 *     "swap_pool": {
 *       "token": { "name": "Vellum USD", "symbol": "VUSD", "decimals": 18 },
 *       "reserve_fee_token": "1000000000000000000000000",
 *       "reserve_token": "1000000000000000000000000",
 *       "fee_basis_points": 30,
 *       "account_token_balance": "1000000000000000000000"
 *     }
 *   }
 * }
 * </pre>
 * Integers (balances, reserves) are JSON numbers or strings, decimal or {@code 0x} hex; felts (keys, seeds,
 * addresses) are {@code 0x} hex strings or non-negative JSON integers; names and symbols are short strings.
 */
public final class GenesisLoader {
    /** Starknet's STRK token address (mainnet and Sepolia), where Vellum deploys its fee token by default. */
    public static final ContractAddress STRK_ADDRESS =
            ContractAddress.of("0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d");
    public static final String DEFAULT_CHAIN_ID = "VELLUM_DEVNET";
    /** The sample genesis bundled in the jar. */
    public static final String SAMPLE_RESOURCE = "/genesis/devnet.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GenesisLoader() {
    }

    /** Parses a genesis description. */
    public static GenesisSpec parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException notJson) {
            throw new GenesisException("", "not valid JSON: " + notJson.getOriginalMessage(), notJson);
        }
        return fromTree(root);
    }

    /** Reads and parses a genesis description (UTF-8). The caller closes the stream. */
    public static GenesisSpec read(InputStream in) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the genesis description", unreadable);
        }
    }

    /** The sample genesis bundled with the blockifier ({@value #SAMPLE_RESOURCE}). */
    public static GenesisSpec sample() {
        try (InputStream in = GenesisLoader.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sample genesis " + SAMPLE_RESOURCE + " is missing from the jar");
            }
            return read(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + SAMPLE_RESOURCE, unreadable);
        }
    }

    // -----------------------------------------------------------------------------------------------------

    private static GenesisSpec fromTree(JsonNode root) {
        requireObject(root, "");
        allowOnly(root, "", Set.of("chain_id", "fee_token", "accounts", "workload"));
        ChainId chainId = ChainId.of(shortString(root, "chain_id", "", Optional.of(DEFAULT_CHAIN_ID)));
        GenesisSpec.FeeToken feeToken = feeToken(root.get("fee_token"));
        List<GenesisSpec.Accounts> accounts = accounts(root.get("accounts"));
        GenesisSpec.Workload workload = workload(root.get("workload"));
        return new GenesisSpec(chainId, feeToken, accounts, workload);
    }

    private static GenesisSpec.FeeToken feeToken(JsonNode node) {
        String path = "fee_token";
        if (node == null || node.isNull()) {
            return new GenesisSpec.FeeToken(STRK_ADDRESS, defaultStrk(), Felt.ZERO);
        }
        requireObject(node, path);
        allowOnly(node, path, Set.of("address", "name", "symbol", "decimals", "l1_bridge"));
        ContractAddress address = node.has("address") ? address(node, "address", path) : STRK_ADDRESS;
        GenesisSpec.Token token = new GenesisSpec.Token(
                Felt.fromShortString(shortString(node, "name", path, Optional.of("Starknet Token"))),
                Felt.fromShortString(shortString(node, "symbol", path, Optional.of("STRK"))),
                (int) integer(node, "decimals", path, Optional.of(18L), 255));
        Felt bridge = node.has("l1_bridge") ? felt(node, "l1_bridge", path) : Felt.ZERO;
        return new GenesisSpec.FeeToken(address, token, bridge);
    }

    private static GenesisSpec.Token defaultStrk() {
        return new GenesisSpec.Token(Felt.fromShortString("Starknet Token"), Felt.fromShortString("STRK"), 18);
    }

    private static List<GenesisSpec.Accounts> accounts(JsonNode node) {
        String path = "accounts";
        if (node == null || node.isNull()) {
            throw new GenesisException(path, "missing: a genesis needs at least one account to send transactions");
        }
        if (!node.isArray()) {
            throw new GenesisException(path, "must be an array of accounts, not " + describe(node));
        }
        List<GenesisSpec.Accounts> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String entryPath = path + "[" + i + "]";
            requireObject(entry, entryPath);
            BigInteger balance = amount(entry, "balance", entryPath, 256);
            if (entry.has("private_key")) {
                allowOnly(entry, entryPath, Set.of("private_key", "balance"));
                out.add(new GenesisSpec.ListedAccount(felt(entry, "private_key", entryPath), balance));
            } else if (entry.has("seed")) {
                allowOnly(entry, entryPath, Set.of("seed", "count", "balance"));
                int count = (int) integer(entry, "count", entryPath, Optional.empty(),
                        GenesisSpec.DERIVED_ACCOUNTS_MAX);
                out.add(new GenesisSpec.DerivedAccounts(felt(entry, "seed", entryPath), count, balance));
            } else {
                throw new GenesisException(entryPath,
                        "an account entry needs either \"private_key\" or \"seed\" and \"count\"");
            }
        }
        return out;
    }

    private static GenesisSpec.Workload workload(JsonNode node) {
        String path = "workload";
        if (node == null || node.isNull()) {
            return GenesisSpec.Workload.NONE;
        }
        requireObject(node, path);
        allowOnly(node, path, Set.of("counter", "key_value", "gas_burner", "swap_pool"));
        Optional<GenesisSpec.SwapPool> pool = Optional.empty();
        JsonNode poolNode = node.get("swap_pool");
        if (poolNode != null && !poolNode.isNull()) {
            String poolPath = path + ".swap_pool";
            requireObject(poolNode, poolPath);
            allowOnly(poolNode, poolPath, Set.of("token", "reserve_fee_token", "reserve_token", "fee_basis_points",
                    "account_token_balance"));
            JsonNode tokenNode = poolNode.get("token");
            String tokenPath = poolPath + ".token";
            if (tokenNode == null) {
                throw new GenesisException(tokenPath, "missing: the pool's second token");
            }
            requireObject(tokenNode, tokenPath);
            allowOnly(tokenNode, tokenPath, Set.of("name", "symbol", "decimals"));
            GenesisSpec.Token token = new GenesisSpec.Token(
                    Felt.fromShortString(shortString(tokenNode, "name", tokenPath, Optional.empty())),
                    Felt.fromShortString(shortString(tokenNode, "symbol", tokenPath, Optional.empty())),
                    (int) integer(tokenNode, "decimals", tokenPath, Optional.of(18L), 255));
            BigInteger reserveFeeToken = amount(poolNode, "reserve_fee_token", poolPath, 128);
            BigInteger reserveToken = amount(poolNode, "reserve_token", poolPath, 128);
            if (reserveFeeToken.signum() == 0 || reserveToken.signum() == 0) {
                throw new GenesisException(poolPath, "both reserves must be positive for the pool to quote prices");
            }
            int fee = (int) integer(poolNode, "fee_basis_points", poolPath, Optional.of(30L), 9_999);
            BigInteger accountBalance = poolNode.has("account_token_balance")
                    ? amount(poolNode, "account_token_balance", poolPath, 256) : BigInteger.ZERO;
            pool = Optional.of(new GenesisSpec.SwapPool(token, reserveFeeToken, reserveToken, fee, accountBalance));
        }
        return new GenesisSpec.Workload(bool(node, "counter", path), bool(node, "key_value", path),
                bool(node, "gas_burner", path), pool);
    }

    // -----------------------------------------------------------------------------------------------------
    // Typed fields.

    private static void requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new GenesisException(path, "must be a JSON object, not " + describe(node));
        }
    }

    private static void allowOnly(JsonNode node, String path, Set<String> fields) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new GenesisException(join(path, name), "unknown field (expected one of "
                        + fields.stream().sorted().toList() + ")");
            }
        }
    }

    private static boolean bool(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new GenesisException(join(path, field), "must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    private static String shortString(JsonNode node, String field, String path, Optional<String> fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback.orElseThrow(() -> new GenesisException(join(path, field), "missing"));
        }
        if (!value.isTextual()) {
            throw new GenesisException(join(path, field), "must be a string, not " + describe(value));
        }
        String text = value.textValue();
        if (text.length() > Felt.SHORT_STRING_MAX_LENGTH || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new GenesisException(join(path, field),
                    "must be a short string (at most 31 printable ASCII characters): '" + text + "'");
        }
        return text;
    }

    private static long integer(JsonNode node, String field, String path, Optional<Long> fallback, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback.orElseThrow(() -> new GenesisException(join(path, field), "missing"));
        }
        BigInteger number = number(value, join(path, field));
        if (number.signum() < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new GenesisException(join(path, field), "must be in [0, " + max + "]: " + number);
        }
        return number.longValueExact();
    }

    private static BigInteger amount(JsonNode node, String field, String path, int bits) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new GenesisException(join(path, field), "missing");
        }
        BigInteger number = number(value, join(path, field));
        if (number.signum() < 0 || number.bitLength() > bits) {
            throw new GenesisException(join(path, field), "must be in [0, 2^" + bits + "): " + number);
        }
        return number;
    }

    private static BigInteger number(JsonNode value, String path) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            try {
                if (text.startsWith("0x") || text.startsWith("0X")) {
                    return new BigInteger(text.substring(2), 16);
                }
                return new BigInteger(text, 10);
            } catch (NumberFormatException notNumber) {
                throw new GenesisException(path, "not a decimal or 0x-hex integer: '" + text + "'");
            }
        }
        throw new GenesisException(path, "must be an integer (a JSON number or a decimal or 0x-hex string), not "
                + describe(value));
    }

    private static Felt felt(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new GenesisException(join(path, field), "missing");
        }
        BigInteger number = number(value, join(path, field));
        if (number.signum() < 0 || number.compareTo(Felt.MODULUS) >= 0) {
            throw new GenesisException(join(path, field), "not a field element (0 to p - 1): " + number);
        }
        return Felt.fromBigInteger(number);
    }

    private static ContractAddress address(JsonNode node, String field, String path) {
        Felt value = felt(node, field, path);
        if (!value.fitsBits(251)) {
            throw new GenesisException(join(path, field), "an address must be below 2^251: " + value);
        }
        return new ContractAddress(value);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
    }
}
