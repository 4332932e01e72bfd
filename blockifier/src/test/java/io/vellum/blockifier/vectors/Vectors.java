package io.vellum.blockifier.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vellum.blockifier.crypto.Felt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the public Starknet test vectors copied from {@code ../shared/vectors/} into the test resources
 * ({@code vectors/*.json}). A missing file, a missing section or an empty section fails the test that asks for
 * it: vectors are never silently skipped.
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    /** The whole file {@code vectors/<name>}. */
    public static JsonNode file(String name) {
        String path = "/vectors/" + name;
        try (InputStream in = Vectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("test vector file missing from the test resources: " + path);
            }
            JsonNode root = JSON.readTree(in);
            if (root == null || root.isEmpty()) {
                throw new AssertionError("test vector file is empty: " + path);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The entries of one section (a JSON array) of a vector file; fails if absent or empty. */
    public static List<JsonNode> entries(String file, String section) {
        JsonNode array = file(file).get(section);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new AssertionError("vector section '" + section + "' of " + file + " is missing or empty");
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    /** A felt from a hex string field. */
    public static Felt felt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new AssertionError("vector has no field '" + field + "': " + node);
        }
        return Felt.fromHex(value.asText());
    }

    /** An integer (which may exceed the field) from a hex string field. */
    public static BigInteger integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new AssertionError("vector has no field '" + field + "': " + node);
        }
        String text = value.asText();
        return new BigInteger(text.startsWith("0x") ? text.substring(2) : text, 16);
    }

    /** A list of felts from an array of hex strings. */
    public static List<Felt> felts(JsonNode array) {
        List<Felt> out = new ArrayList<>(array.size());
        array.forEach(item -> out.add(Felt.fromHex(item.asText())));
        return out;
    }

    /** A short description of a vector for assertion messages: its source, or the whole entry. */
    public static String describe(JsonNode node) {
        JsonNode source = node.get("source");
        String text = node.toString();
        return (text.length() > 300 ? text.substring(0, 300) + "..." : text)
                + (source == null ? "" : " [" + source.asText() + "]");
    }
}
