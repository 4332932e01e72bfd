package io.vellum.network.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.StarkCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aWrittenKeyReadsBackAndSigns(long seed) {
        SecureRandom random = new SecureRandom();
        random.setSeed(seed);
        KeyFile key = KeyFile.generate(random);
        assertThat(key.privateKey().toBigInteger()).isPositive().isLessThan(StarkCurve.ORDER);
        Path file = dir.resolve("k" + seed + ".key");
        key.write(file);

        KeyFile read = KeyFile.read(file);
        assertThat(read).isEqualTo(key);
        Felt message = Felt.of(new Random(seed).nextLong() & Long.MAX_VALUE);
        assertThat(Ecdsa.verify(read.publicKey(), message, Ecdsa.sign(read.privateKey(), message))).isTrue();
    }

    @Test
    void anExistingFileIsNotOverwritten() throws IOException {
        Path file = dir.resolve("n0.key");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> KeyFile.of(Felt.of(5)).write(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void aPublicKeyOfAnotherPrivateKeyIsRefused() throws IOException {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "private_key: \"0x5\"\npublic_key: \"" + Ecdsa.publicKey(Felt.of(6)).toHex() + "\"\n");
        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo("public_key"));
    }

    @Test
    void toStringHidesThePrivateKey() {
        KeyFile key = KeyFile.of(Felt.fromHex("0xabcdef123456"));
        assertThat(key.toString()).doesNotContain("abcdef123456");
    }
}
