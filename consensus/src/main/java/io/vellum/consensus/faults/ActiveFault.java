package io.vellum.consensus.faults;

import java.util.Objects;

/** A link whose rule is not {@link LinkRule#CLEAR}. */
public record ActiveFault(Link link, LinkRule rule) {
    public ActiveFault {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return link + " " + rule.describe();
    }
}
