package io.vellum.simulations.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulation scenario, as read from a YAML file by {@link ScenarioLoader}: a cluster, the workloads that load it,
 * a schedule of faults (written out, drawn from the seed by {@link #generate}, or both), how long it runs, its seed
 * and which invariants are checked. {@code docs/scenarios.md} describes every key.
 *
 * <p>Missing keys take their defaults here; bad values throw {@link IllegalArgumentException} naming the key (the
 * loader adds the file and the path).
 *
 * @param name a short name (letters, digits, {@code -}, {@code _})
 * @param description what the scenario shows, free text
 * @param seed the seed of every random choice; null: drawn at run time (and printed)
 * @param durationS how long the workload runs, in seconds (1 to 3,600)
 * @param cluster the nodes and their protocol settings
 * @param workloads at least one workload; each gets accounts of its own
 * @param faults the written-out fault schedule
 * @param generate draws more faults from the seed; null: none
 * @param checks which invariants are checked, and their bounds
 */
public record Scenario(String name, String description, Long seed, Integer durationS, ClusterSpec cluster,
        List<WorkloadSpec> workloads, List<FaultSpec> faults, GeneratorSpec generate, ChecksSpec checks) {

    /** The longest run a scenario may ask for. */
    public static final int DURATION_S_MAX = 3_600;

    public Scenario {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("name: 1 to 64 letters, digits, '-' or '_' expected, got " + name);
        }
        description = description == null ? "" : description;
        durationS = durationS == null ? 60 : durationS;
        if (durationS < 1 || durationS > DURATION_S_MAX) {
            throw new IllegalArgumentException("duration_s: must be 1 to " + DURATION_S_MAX + ", got " + durationS);
        }
        cluster = cluster == null ? ClusterSpec.defaults() : cluster;
        workloads = workloads == null || workloads.isEmpty() ? List.of(WorkloadSpec.defaults()) : List.copyOf(workloads);
        faults = faults == null ? List.of() : List.copyOf(faults);
        checks = checks == null ? ChecksSpec.defaults() : checks;
        for (int i = 0; i < faults.size(); i++) {
            faults.get(i).validateAgainst(cluster, durationS, "faults[" + i + "]");
        }
        int accounts = workloads.stream().mapToInt(WorkloadSpec::accounts).sum();
        if (accounts > WorkloadSpec.ACCOUNTS_MAX) {
            throw new IllegalArgumentException("workloads: at most " + WorkloadSpec.ACCOUNTS_MAX
                    + " accounts in all, got " + accounts);
        }
    }

    /** The seed, if the file sets one. */
    public Optional<Long> seedIfSet() {
        return Optional.ofNullable(seed);
    }

    /** The fault generator, if the file has one. */
    public Optional<GeneratorSpec> generator() {
        return Optional.ofNullable(generate);
    }

    /** This scenario with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, newSeed, durationS, cluster, workloads, faults, generate,
                checks);
    }

    /**
     * This scenario with another duration, its fault schedule scaled in proportion (a fault at 25 s of 50 s lasting
     * 10 s is at 10 s of 20 s lasting 4 s): the same story, shorter or longer.
     */
    public Scenario withDurationS(int newDurationS) {
        double factor = newDurationS / (double) durationS;
        List<FaultSpec> scaled = new ArrayList<>();
        for (FaultSpec fault : faults) {
            scaled.add(fault.scaled(factor));
        }
        return new Scenario(name, description, seed, newDurationS, cluster, workloads, scaled, generate, checks);
    }

    /** This scenario with the generated faults written out (and no generator left). */
    public Scenario withFaults(List<FaultSpec> all) {
        return new Scenario(name, description, seed, durationS, cluster, workloads, all, null, checks);
    }
}
