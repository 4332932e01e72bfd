package io.vellum.proposer.builder;

/** Tells a build when to stop offering: the block interval is up. Injected, so tests decide time. */
@FunctionalInterface
public interface Deadline {

    boolean expired();

    /** A deadline that never comes: the block closes on a limit or when the candidates run out. */
    Deadline NEVER = () -> false;
}
