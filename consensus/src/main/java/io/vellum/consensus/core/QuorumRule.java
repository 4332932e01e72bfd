package io.vellum.consensus.core;

/**
 * How many approvals make a block final, given the number of voters. Every node evaluates it on the same voter
 * count at the same log index.
 */
public interface QuorumRule {

    /** The approvals needed out of {@code voters} (1 ≤ result ≤ voters). */
    int quorum(int voters);

    String name();

    /** More than half: ⌊n/2⌋ + 1. */
    QuorumRule MAJORITY = new QuorumRule() {
        @Override
        public int quorum(int voters) {
            return voters / 2 + 1;
        }

        @Override
        public String name() {
            return "majority";
        }
    };

    /** Every voter. */
    QuorumRule ALL = new QuorumRule() {
        @Override
        public int quorum(int voters) {
            return voters;
        }

        @Override
        public String name() {
            return "all";
        }
    };

    /** At least {@code numerator/denominator} of the voters, rounded up (e.g. 2/3 for BFT-style thresholds). */
    static QuorumRule fraction(int numerator, int denominator) {
        if (numerator < 1 || denominator < 1 || numerator > denominator) {
            throw new IllegalArgumentException("quorum fraction must be in (0, 1]: " + numerator + "/" + denominator);
        }
        return new QuorumRule() {
            @Override
            public int quorum(int voters) {
                return Math.max(1, (int) ((voters * (long) numerator + denominator - 1) / denominator));
            }

            @Override
            public String name() {
                return numerator + "/" + denominator;
            }
        };
    }

    /** {@code majority}, {@code all}, or a fraction such as {@code 2/3}. */
    static QuorumRule parse(String text) {
        switch (text) {
            case "majority":
                return MAJORITY;
            case "all":
                return ALL;
            default:
                int slash = text.indexOf('/');
                if (slash > 0) {
                    try {
                        return fraction(Integer.parseInt(text.substring(0, slash)),
                                Integer.parseInt(text.substring(slash + 1)));
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
                throw new IllegalArgumentException("unknown quorum rule '" + text + "' (majority, all, or a fraction like 2/3)");
        }
    }
}
