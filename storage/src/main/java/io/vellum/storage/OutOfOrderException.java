package io.vellum.storage;

/**
 * A write that is not next in line: a block whose number is not head + 1, a commitment or trie root out of height
 * order, an applied index that does not increase, a proving job that leaves a gap or repeats a height. Nothing of
 * the refused operation is written.
 */
public final class OutOfOrderException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final String expected;
    private final String actual;

    OutOfOrderException(String what, String expected, String actual) {
        super(what + " out of order: expected " + expected + ", got " + actual);
        this.what = what;
        this.expected = expected;
        this.actual = actual;
    }

    /** What was being written ("block", "commitment", "applied index", ...). */
    public String what() {
        return what;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
