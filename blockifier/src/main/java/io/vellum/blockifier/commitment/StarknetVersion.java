package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/**
 * A Starknet protocol version such as 0.13.2 or 0.13.1.1: dot-separated non-negative numbers, ordered part by part
 * (a missing part counts as 0). The block hash commits to its text as a Cairo short string.
 */
public record StarknetVersion(List<Integer> parts) implements Comparable<StarknetVersion> {
    public static final StarknetVersion V0_13_2 = parse("0.13.2");
    public static final StarknetVersion V0_13_4 = parse("0.13.4");
    public static final StarknetVersion V0_14_0 = parse("0.14.0");

    public StarknetVersion {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > 4) {
            throw new IllegalArgumentException("a Starknet version has 1 to 4 parts: " + parts);
        }
        for (Integer part : parts) {
            if (Objects.requireNonNull(part, "version part") < 0 || part > 9999) {
                throw new IllegalArgumentException("version parts are 0 to 9999: " + parts);
            }
        }
    }

    /** A version from its text, such as {@code "0.13.4"}. */
    public static StarknetVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] pieces = text.split("\\.", -1);
        Integer[] parts = new Integer[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (piece.isEmpty() || piece.length() > 4 || !piece.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a Starknet version: '" + text + "'");
            }
            parts[i] = Integer.parseInt(piece);
        }
        return new StarknetVersion(List.of(parts));
    }

    /** Whether this is {@code other} or later. */
    public boolean isAtLeast(StarknetVersion other) {
        return compareTo(other) >= 0;
    }

    /** The version's text as a Cairo short string, as the block hash hashes it. */
    public Felt toShortString() {
        return Felt.fromShortString(toString());
    }

    @Override
    public int compareTo(StarknetVersion other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            int mine = i < parts.size() ? parts.get(i) : 0;
            int theirs = i < other.parts.size() ? other.parts.get(i) : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                text.append('.');
            }
            text.append(parts.get(i));
        }
        return text.toString();
    }
}
