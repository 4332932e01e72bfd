package io.vellum.simulations.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One workload: a kind of transaction sent open-loop at a rate from accounts of its own.
 *
 * @param kind what the transactions do
 * @param accounts how many genesis accounts send them (2 to {@link #ACCOUNTS_MAX}); each has at most one
 *     transaction in flight, so accounts bound the concurrency of this workload
 * @param rate transactions per second over time
 * @param hotSpot how targets are skewed (transfer recipients, key-value seeds); null: uniform
 * @param signed whether transactions are signed (true by default); false turns signature checks off on every node,
 *     which every workload of the scenario must then agree on
 * @param writes for {@code key-value}: cells written per transaction (1 to 100)
 * @param gas for {@code gas-burner}: L2 gas burnt per transaction (1,000 to 2,000,000)
 */
public record WorkloadSpec(Kind kind, Integer accounts, RateSpec rate, HotSpotSpec hotSpot, Boolean signed,
        Integer writes, Long gas) {

    /** The most accounts of all workloads together (each genesis account costs a key derivation). */
    public static final int ACCOUNTS_MAX = 5_000;

    /** What a workload's transactions do (the standard contracts of the genesis). */
    public enum Kind {
        /** STRK transfers between the workload's accounts. */
        @JsonProperty("transfers") TRANSFERS,
        /** {@code increment()} on the one hot counter. */
        @JsonProperty("counter") COUNTER,
        /** {@code write(seed, writes)} on the key-value contract. */
        @JsonProperty("key-value") KEY_VALUE,
        /** approve + {@code swap} of STRK on the swap pool (every swap contends on the reserves). */
        @JsonProperty("swap") SWAP,
        /** {@code burn(gas)} on the gas burner. */
        @JsonProperty("gas-burner") GAS_BURNER
    }

    public WorkloadSpec {
        if (kind == null) {
            throw new IllegalArgumentException("kind: required (transfers, counter, key-value, swap, gas-burner)");
        }
        accounts = accounts == null ? 100 : accounts;
        if (accounts < 2 || accounts > ACCOUNTS_MAX) {
            throw new IllegalArgumentException("accounts: must be 2 to " + ACCOUNTS_MAX + ", got " + accounts);
        }
        rate = rate == null ? new RateSpec(100.0, null, null) : rate;
        signed = signed == null ? Boolean.TRUE : signed;
        writes = writes == null ? 4 : writes;
        if (writes < 1 || writes > 100) {
            throw new IllegalArgumentException("writes: must be 1 to 100, got " + writes);
        }
        gas = gas == null ? 200_000L : gas;
        if (gas < 1_000 || gas > 2_000_000) {
            throw new IllegalArgumentException("gas: must be 1000 to 2000000, got " + gas);
        }
    }

    /** 100 accounts sending signed transfers at 100/s. */
    public static WorkloadSpec defaults() {
        return new WorkloadSpec(Kind.TRANSFERS, null, null, null, null, null, null);
    }
}
