package io.vellum.network.config;

import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.StarkCurve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A Stark-curve key pair and its file: a small YAML mapping with {@code private_key} and {@code public_key} (both
 * {@code 0x} hex). Reading checks that the private key is in [1, n) (n the curve order) and, when the public key is
 * given, that it belongs to the private key. Writing refuses to overwrite a file and, where the file system allows,
 * makes it readable by its owner only.
 *
 * @param privateKey the private key, in [1, n)
 * @param publicKey its public key (the x coordinate of d·G, as Starknet accounts store it)
 */
public record KeyFile(Felt privateKey, Felt publicKey) {
    public KeyFile {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** The pair of a private key; throws {@link IllegalArgumentException} for a key outside [1, n). */
    public static KeyFile of(Felt privateKey) {
        requireValid(privateKey);
        return new KeyFile(privateKey, Ecdsa.publicKey(privateKey));
    }

    /** A fresh key pair drawn from {@code random} (a {@link SecureRandom} for real keys). */
    public static KeyFile generate(SecureRandom random) {
        BigInteger orderMinusOne = StarkCurve.ORDER.subtract(BigInteger.ONE);
        BigInteger d;
        do {
            d = new BigInteger(StarkCurve.ORDER.bitLength(), random);
        } while (d.signum() == 0 || d.compareTo(orderMinusOne) > 0);
        return of(Felt.fromBigInteger(d));
    }

    static void requireValid(Felt privateKey) {
        if (privateKey.isZero() || privateKey.toBigInteger().compareTo(StarkCurve.ORDER) >= 0) {
            throw new IllegalArgumentException("a private key must be in [1, n), n the Stark curve order");
        }
    }

    /** Reads a key file. */
    public static KeyFile read(Path file) {
        ConfigObject root = ConfigObject.readFile(file);
        KeyFile key = fromObject(root);
        root.finish();
        return key;
    }

    /** Reads {@code private_key} and optional {@code public_key} of a mapping (a key file, or inline in a config). */
    static KeyFile fromObject(ConfigObject object) {
        Felt privateKey = object.optionalFelt("private_key")
                .orElseThrow(() -> object.error("private_key", "missing (required)"));
        try {
            requireValid(privateKey);
        } catch (IllegalArgumentException e) {
            throw object.error("private_key", e.getMessage());
        }
        KeyFile key = of(privateKey);
        Optional<Felt> publicKey = object.optionalFelt("public_key");
        if (publicKey.isPresent() && !publicKey.get().equals(key.publicKey())) {
            throw object.error("public_key", "does not belong to the private key (expected " + key.publicKey().toHex()
                    + ")");
        }
        return key;
    }

    /** The file's text. */
    public String toYaml() {
        return "# A Vellum Stark-curve key pair. Keep the private key secret.\n"
                + "private_key: \"" + privateKey.toHex() + "\"\n"
                + "public_key: \"" + publicKey.toHex() + "\"\n";
    }

    /** Writes the key to a new file (owner-only permissions where supported); an existing file is not replaced. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException noPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, toYaml(), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(Optional.of(file), "", "already exists; not overwriting a key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        // Never print the private key by accident.
        return "KeyFile[public key " + publicKey.toHex() + "]";
    }
}
