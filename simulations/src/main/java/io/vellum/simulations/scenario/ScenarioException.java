package io.vellum.simulations.scenario;

/** A scenario file that cannot be used: unreadable, not YAML, an unknown key or a bad value. Names file and key. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;

    public ScenarioException(String source, String key, String reason, Throwable cause) {
        super(source + (key.isEmpty() ? "" : ": " + key) + ": " + reason, cause);
        this.source = source;
        this.key = key;
    }

    /** The file (or resource) the scenario came from. */
    public String source() {
        return source;
    }

    /** The path of the offending key ({@code faults[1].kind}), or empty for the whole file. */
    public String key() {
        return key;
    }
}
