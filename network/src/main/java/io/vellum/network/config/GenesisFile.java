package io.vellum.network.config;

import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.block.GenesisException;
import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.block.GenesisSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Genesis files in YAML or JSON. The format is the blockifier's ({@link GenesisLoader}, documented in
 * {@code docs/execution.md}); YAML is read into the same tree and handed to that loader, so both spellings accept
 * exactly the same documents and report errors by the same field paths, here prefixed with the file.
 */
public final class GenesisFile {
    private GenesisFile() {
    }

    /** Reads and checks a genesis description (YAML or JSON). */
    public static GenesisSpec read(Path file) {
        ConfigObject root = ConfigObject.readFile(file);
        try {
            return GenesisLoader.parse(root.toJson());
        } catch (GenesisException e) {
            throw new ConfigException(Optional.of(file), e.path(), stripPath(e), e);
        }
    }

    /** Reads a genesis description and builds its state. */
    public static Genesis load(Path file) {
        GenesisSpec spec = read(file);
        try {
            return Genesis.build(spec);
        } catch (GenesisException e) {
            throw new ConfigException(Optional.of(file), e.path(), stripPath(e), e);
        }
    }

    private static String stripPath(GenesisException e) {
        String message = e.getMessage();
        String prefix = e.path() + ": ";
        return !e.path().isEmpty() && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
