package io.vellum.simulations.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * One fault of the schedule: what happens ({@code kind}), to whom ({@code target}), from {@code at_s} for
 * {@code duration_s} seconds (absent: until the end of the workload; every fault is healed before the final checks).
 *
 * @param atS when it starts, seconds after the workload starts
 * @param durationS how long it lasts; null: until the workload ends
 * @param target a node id ({@code n0}, {@code n1}, ...), {@code leader}, {@code proposer}, {@code follower},
 *     {@code minority}, {@code majority}, {@code random} or {@code all}; resolved when the fault starts
 * @param kind what the fault does
 * @param delayMs for {@code delay}: added one-way latency on each link of the target
 * @param jitterMs for {@code delay}: uniform jitter added to the delay
 * @param loss for {@code loss}: the probability a message is dropped, in [0, 1)
 * @param bytesPerSecond for {@code bandwidth}: the cap on each link of the target
 * @param mode for {@code lying-proposer}: {@code wrong-result}, {@code reorder} or {@code censor}
 * @param skewMs for {@code clock-skew}: how far the target's clock is moved (negative: behind)
 */
public record FaultSpec(Double atS, Double durationS, String target, Kind kind, Long delayMs, Long jitterMs,
        Double loss, Long bytesPerSecond, String mode, Long skewMs) {

    /** What a fault does. */
    public enum Kind {
        /** The target stops (its Raft server and store close); it restarts from its directory when the fault ends. */
        @JsonProperty("crash") CRASH,
        /** The target stops and restarts at once. */
        @JsonProperty("restart") RESTART,
        /** No message to or from the target. */
        @JsonProperty("isolate") ISOLATE,
        /** No message between the target group and the other nodes. */
        @JsonProperty("partition") PARTITION,
        /** No message from the target group to the other nodes (they still reach it). */
        @JsonProperty("one-way") ONE_WAY,
        /** Latency and jitter on every link of the target. */
        @JsonProperty("delay") DELAY,
        /** Random message loss on every link of the target. */
        @JsonProperty("loss") LOSS,
        /** A bandwidth cap on every link of the target. */
        @JsonProperty("bandwidth") BANDWIDTH,
        /** The target's proposals lie (it restarts with the lie, and again without it when the fault ends). */
        @JsonProperty("lying-proposer") LYING_PROPOSER,
        /** The target's simulated prover stops proving until the fault ends. */
        @JsonProperty("prover-stall") PROVER_STALL,
        /** The target's clock is moved by skew_ms. */
        @JsonProperty("clock-skew") CLOCK_SKEW,
        /** A new node joins the cluster (target: the new node's id, the next free one). */
        @JsonProperty("join") JOIN,
        /**
         * The target's process is frozen (SIGSTOP) and continues (SIGCONT) when the fault ends: it keeps its state
         * and its connections but answers nothing meanwhile. Only with {@code cluster.mode: processes}.
         */
        @JsonProperty("pause") PAUSE;

        /** The name used in scenario files. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Whether a process cluster can inject it: a lying proposer, a prover stall and a join need hooks inside the
         * node that its process does not expose (a node file has no proposer fault, the API no prover pause).
         */
        public boolean supportsProcesses() {
            return this != LYING_PROPOSER && this != PROVER_STALL && this != JOIN;
        }

        /** The kinds {@link #supportsProcesses()}, as scenario files name them. */
        public static String processKinds() {
            return java.util.Arrays.stream(values()).filter(Kind::supportsProcesses).map(Kind::key)
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        /** Whether the fault acts on links between nodes (needs the link layer). */
        public boolean isNetwork() {
            return this == ISOLATE || this == PARTITION || this == ONE_WAY || this == DELAY || this == LOSS
                    || this == BANDWIDTH;
        }
    }

    public FaultSpec {
        if (atS == null || !(atS >= 0)) {
            throw new IllegalArgumentException("at_s: required, at least 0, got " + atS);
        }
        if (durationS != null && !(durationS > 0)) {
            throw new IllegalArgumentException("duration_s: must be above 0 when given, got " + durationS);
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind: required");
        }
        if (target == null) {
            target = kind == Kind.DELAY || kind == Kind.LOSS ? "all" : "leader";
        }
        if (kind == Kind.DELAY) {
            if (delayMs == null || delayMs < 0 || delayMs > 10_000) {
                throw new IllegalArgumentException("delay_ms: required for delay, 0 to 10000, got " + delayMs);
            }
            jitterMs = jitterMs == null ? 0L : jitterMs;
            if (jitterMs < 0 || jitterMs > delayMs) {
                throw new IllegalArgumentException("jitter_ms: 0 to delay_ms (" + delayMs + "), got " + jitterMs);
            }
        } else if (delayMs != null || jitterMs != null) {
            throw new IllegalArgumentException("delay_ms, jitter_ms: only for kind delay, not " + kind.key());
        }
        if (kind == Kind.LOSS) {
            if (loss == null || !(loss > 0 && loss < 1)) {
                throw new IllegalArgumentException("loss: required for loss, in (0, 1), got " + loss);
            }
        } else if (loss != null) {
            throw new IllegalArgumentException("loss: only for kind loss, not " + kind.key());
        }
        if (kind == Kind.BANDWIDTH) {
            if (bytesPerSecond == null || bytesPerSecond < 1_000) {
                throw new IllegalArgumentException("bytes_per_second: required for bandwidth, at least 1000, got "
                        + bytesPerSecond);
            }
        } else if (bytesPerSecond != null) {
            throw new IllegalArgumentException("bytes_per_second: only for kind bandwidth, not " + kind.key());
        }
        if (kind == Kind.LYING_PROPOSER) {
            mode = mode == null ? "wrong-result" : mode;
            if (!mode.equals("wrong-result") && !mode.equals("reorder") && !mode.equals("censor")) {
                throw new IllegalArgumentException("mode: wrong-result, reorder or censor expected, got " + mode);
            }
        } else if (mode != null) {
            throw new IllegalArgumentException("mode: only for kind lying-proposer, not " + kind.key());
        }
        if (kind == Kind.CLOCK_SKEW) {
            if (skewMs == null || Math.abs(skewMs) > 3_600_000) {
                throw new IllegalArgumentException("skew_ms: required for clock-skew, within an hour, got " + skewMs);
            }
        } else if (skewMs != null) {
            throw new IllegalArgumentException("skew_ms: only for kind clock-skew, not " + kind.key());
        }
        Target.parse(target); // throws for a bad target
    }

    /** A fault of {@code kind} on {@code target}, with no parameters. */
    public static FaultSpec of(double atS, Double durationS, String target, Kind kind) {
        return new FaultSpec(atS, durationS, target, kind, null, null, null, null, null, null);
    }

    /** When it ends, given the workload's duration. */
    public double endS(double runDurationS) {
        return durationS == null ? runDurationS : Math.min(runDurationS, atS + durationS);
    }

    FaultSpec scaled(double factor) {
        double at = Math.round(atS * factor * 10) / 10.0;
        Double duration = durationS == null ? null : Math.max(0.1, Math.round(durationS * factor * 10) / 10.0);
        return new FaultSpec(at, duration, target, kind, delayMs, jitterMs, loss, bytesPerSecond, mode, skewMs);
    }

    void validateAgainst(ClusterSpec cluster, int runDurationS, String where) {
        if (atS >= runDurationS) {
            throw new IllegalArgumentException(where + ".at_s: " + atS + " is not before the end (duration_s "
                    + runDurationS + ")");
        }
        Target parsed = Target.parse(target);
        if (parsed instanceof Target.Node node && kind != Kind.JOIN && node.index() >= cluster.nodes()) {
            throw new IllegalArgumentException(where + ".target: no node " + target + " in a cluster of "
                    + cluster.nodes());
        }
        if (kind == Kind.JOIN && !(parsed instanceof Target.Node)) {
            throw new IllegalArgumentException(where + ".target: a join names the new node (n" + cluster.nodes()
                    + ", ...), got " + target);
        }
        if (kind == Kind.PAUSE && cluster.mode() != ClusterSpec.Mode.PROCESSES) {
            throw new IllegalArgumentException(where + ".kind: pause (SIGSTOP/SIGCONT) needs cluster.mode: processes; "
                    + "in-jvm nodes share one process (use crash instead)");
        }
        if (cluster.mode() == ClusterSpec.Mode.PROCESSES && !kind.supportsProcesses()) {
            throw new IllegalArgumentException(where + ".kind: " + kind.key() + " is not supported with cluster.mode: "
                    + "processes (supported there: " + Kind.processKinds() + ")");
        }
        if ((kind == Kind.PARTITION || kind == Kind.ONE_WAY) && parsed instanceof Target.All) {
            throw new IllegalArgumentException(where + ".target: a " + kind.key() + " needs a group smaller than "
                    + "the cluster, not all");
        }
    }

    /** One line for logs and reports. */
    public String describe() {
        StringBuilder out = new StringBuilder(kind.key()).append(' ').append(target);
        if (delayMs != null) {
            out.append(" delay ").append(delayMs).append("±").append(jitterMs).append(" ms");
        }
        if (loss != null) {
            out.append(" loss ").append(loss);
        }
        if (bytesPerSecond != null) {
            out.append(' ').append(bytesPerSecond).append(" B/s");
        }
        if (mode != null) {
            out.append(' ').append(mode);
        }
        if (skewMs != null) {
            out.append(" skew ").append(skewMs).append(" ms");
        }
        return out.toString();
    }
}
