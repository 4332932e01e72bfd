package io.vellum.network.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.node.Endpoint;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One YAML mapping of a configuration file, read strictly: each typed getter names the key it reads, and
 * {@link #finish()} rejects every key that no getter asked for (a misspelt key must not silently fall back to a
 * default). Every error is a {@link ConfigException} with the file and the dotted path of the field.
 *
 * <p>Not thread-safe: one reader per parse.
 */
final class ConfigObject {
    /** The largest configuration file read (a node file is a few kilobytes). */
    static final long FILE_BYTES_MAX = 4L << 20;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Optional<Path> file;
    private final String path;
    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();

    private ConfigObject(Optional<Path> file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Reads a YAML (or JSON) file whose top level must be a mapping. */
    static ConfigObject readFile(Path file) {
        Optional<Path> where = Optional.of(file);
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(where, "", "no such file");
            }
            if (Files.size(file) > FILE_BYTES_MAX) {
                throw new ConfigException(where, "", "larger than " + FILE_BYTES_MAX + " bytes");
            }
            return parse(Files.readString(file), where);
        } catch (IOException e) {
            throw new ConfigException(where, "", "cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses YAML (or JSON) text whose top level must be a mapping. */
    static ConfigObject parse(String text, Optional<Path> file) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file, "", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(file, "", "the file is empty");
        }
        ConfigObject object = new ConfigObject(file, "", root);
        object.requireMapping();
        return object;
    }

    /** The tree as JSON text (for readers that take JSON, such as the genesis loader). */
    String toJson() {
        return node.toString();
    }

    Optional<Path> file() {
        return file;
    }

    /** The dotted path of {@code key} in this mapping. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigException error(String key, String reason) {
        return new ConfigException(file, pathOf(key), reason);
    }

    ConfigException errorHere(String reason) {
        return new ConfigException(file, path, reason);
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    private JsonNode get(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? MissingNode.getInstance() : value;
    }

    private void requireMapping() {
        if (!node.isObject()) {
            throw errorHere("must be a mapping (key: value lines), not " + describe(node));
        }
    }

    /** Rejects keys that no getter read. Call once every key has been read. */
    void finish() {
        Set<String> unknown = new TreeSet<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw error(first, "unknown key" + (unknown.size() > 1 ? "s " + unknown : "") + " (known here: "
                    + new TreeSet<>(read) + ")");
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Nested values.

    Optional<ConfigObject> optionalObject(String key) {
        JsonNode value = get(key);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        ConfigObject child = new ConfigObject(file, pathOf(key), value);
        child.requireMapping();
        return Optional.of(child);
    }

    /** A nested mapping; an absent one reads as empty (every key inside takes its default). */
    ConfigObject object(String key) {
        return optionalObject(key).orElseGet(() -> new ConfigObject(file, pathOf(key), YAML.createObjectNode()));
    }

    /** A list of mappings; absent reads as empty. */
    List<ConfigObject> objects(String key, int sizeMax) {
        JsonNode value = get(key);
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(key, "must be a list (lines starting with '- '), not " + describe(value));
        }
        if (value.size() > sizeMax) {
            throw error(key, "at most " + sizeMax + " entries, not " + value.size());
        }
        List<ConfigObject> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            ConfigObject child = new ConfigObject(file, pathOf(key) + "[" + i + "]", value.get(i));
            child.requireMapping();
            out.add(child);
        }
        return out;
    }

    // -----------------------------------------------------------------------------------------------------
    // Scalars.

    Optional<String> optionalString(String key) {
        JsonNode value = get(key);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw error(key, "must be a text value, not " + describe(value));
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            throw error(key, "must not be empty");
        }
        return Optional.of(text);
    }

    String string(String key) {
        return optionalString(key).orElseThrow(() -> error(key, "missing (required)"));
    }

    String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = get(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(key, "must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    long integer(String key, long fallback, long min, long max) {
        return optionalInteger(key, min, max).orElse(fallback);
    }

    Optional<Long> optionalInteger(String key, long min, long max) {
        JsonNode value = get(key);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        BigInteger number;
        if (value.isIntegralNumber()) {
            number = value.bigIntegerValue();
        } else if (value.isTextual()) {
            String text = value.textValue().trim().replace("_", "");
            try {
                number = new BigInteger(text);
            } catch (NumberFormatException e) {
                throw error(key, "must be a whole number, not '" + value.textValue() + "'");
            }
        } else {
            throw error(key, "must be a whole number, not " + describe(value));
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(key, "must be in [" + min + ", " + max + "]: " + number);
        }
        return Optional.of(number.longValueExact());
    }

    double decimal(String key, double fallback, double min, double max) {
        JsonNode value = get(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw error(key, "must be a number, not " + describe(value));
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            throw error(key, "must be in [" + min + ", " + max + "]: " + number);
        }
        return number;
    }

    /** A felt: {@code 0x} hex or a decimal integer, below the Stark prime. */
    Optional<Felt> optionalFelt(String key) {
        JsonNode value = get(key);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        BigInteger number;
        String text = value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.asText().trim();
        if (!value.isValueNode() || value.isBoolean()) {
            throw error(key, "must be a 0x-hex field element, not " + describe(value));
        }
        try {
            number = text.startsWith("0x") || text.startsWith("0X") ? new BigInteger(text.substring(2), 16)
                    : new BigInteger(text);
        } catch (NumberFormatException e) {
            throw error(key, "not a 0x-hex or decimal number: '" + text + "'");
        }
        if (number.signum() < 0 || number.compareTo(Felt.MODULUS) >= 0) {
            throw error(key, "not a field element (0 to p - 1): " + text);
        }
        return Optional.of(Felt.fromBigInteger(number));
    }

    /** A loopback {@code host:port} address. */
    Optional<Endpoint> optionalEndpoint(String key) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parseEndpoint(text.get(), pathOf(key), file));
    }

    Endpoint endpoint(String key) {
        return optionalEndpoint(key).orElseThrow(() -> error(key, "missing (required): a host:port address"));
    }

    /** A path, resolved against the directory of the file it appears in. */
    Optional<Path> optionalPath(String key) {
        return optionalString(key).map(text -> {
            Path given = Path.of(text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text);
            if (given.isAbsolute() || file.isEmpty()) {
                return given.normalize();
            }
            Path base = file.get().toAbsolutePath().getParent();
            return base.resolve(given).normalize();
        });
    }

    static Endpoint parseEndpoint(String text, String field, Optional<Path> file) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException(file, field, "must be host:port (e.g. 127.0.0.1:7000), not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(file, field, "the port of '" + text + "' is not a number");
        }
        try {
            return new Endpoint(host, port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, field, e.getMessage(), e);
        }
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
    }
}
