package io.vellum.blockifier.core;

/** A block height; genesis is 0. */
public record BlockNumber(long value) implements Comparable<BlockNumber> {
    public static final BlockNumber GENESIS = new BlockNumber(0);

    public BlockNumber {
        if (value < 0) {
            throw new IllegalArgumentException("block number must not be negative: " + value);
        }
    }

    public BlockNumber next() {
        return new BlockNumber(Math.addExact(value, 1));
    }

    @Override
    public int compareTo(BlockNumber other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
