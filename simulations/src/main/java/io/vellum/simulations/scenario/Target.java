package io.vellum.simulations.scenario;

/** Whom a fault hits; resolved to nodes when the fault starts (the leader then, a seeded minority, ...). */
public sealed interface Target {
    /** One node by index: {@code n0}, {@code n1}, ... */
    record Node(int index) implements Target {
    }

    /** The Raft leader when the fault starts. */
    record Leader() implements Target {
    }

    /** The node proposing the open height (the leader, under the default schedule). */
    record Proposer() implements Target {
    }

    /** A follower, chosen with the seed. */
    record Follower() implements Target {
    }

    /** The largest group short of a quorum, ⌊(n-1)/2⌋ nodes (the leader among them), chosen with the seed. */
    record Minority() implements Target {
    }

    /** A majority, ⌊n/2⌋+1 nodes, chosen with the seed. */
    record Majority() implements Target {
    }

    /** Any one node, chosen with the seed. */
    record Random() implements Target {
    }

    /** Every node. */
    record All() implements Target {
    }

    /** Parses a target; throws {@link IllegalArgumentException} naming the key for anything else. */
    static Target parse(String text) {
        switch (text) {
            case "leader":
                return new Leader();
            case "proposer":
                return new Proposer();
            case "follower":
                return new Follower();
            case "minority":
                return new Minority();
            case "majority":
                return new Majority();
            case "random":
                return new Random();
            case "all":
                return new All();
            default:
                if (text.matches("n[0-9]{1,2}")) {
                    return new Node(Integer.parseInt(text.substring(1)));
                }
                throw new IllegalArgumentException("target: a node id (n0, n1, ...), leader, proposer, follower, "
                        + "minority, majority, random or all expected, got " + text);
        }
    }
}
