package io.vellum.blockifier.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Vellum's proposal commitment: its documented formula, determinism, and sensitivity to every input. */
class ProposalCommitmentTest {
    /** Header fields (5), gas prices (6), commitments (4), counts (3) and the DA mode (1). */
    private static final int INPUT_COUNT = 19;

    record Inputs(ProposalHeader header, BlockCommitments commitments) {
    }

    static Stream<Inputs> inputs() {
        return Samples.stream("ProposalCommitmentTest.inputs", 12, random -> new Inputs(
                new ProposalHeader(new BlockNumber(random.nextLong(1L << 40)), Samples.felt(random),
                        new ContractAddress(Felt.fromBigInteger(Samples.bits(random, 251))), random.nextLong(1L << 40),
                        new GasPrices(price(random), price(random), price(random), price(random), price(random),
                                price(random)),
                        StarknetVersion.parse("0." + (13 + random.nextInt(3)) + "." + random.nextInt(5))),
                new BlockCommitments(Samples.felt(random), Samples.felt(random), Samples.felt(random),
                        Samples.felt(random), random.nextInt(5000), random.nextInt(20000), random.nextInt(30000),
                        random.nextBoolean() ? L1DataAvailabilityMode.BLOB : L1DataAvailabilityMode.CALLDATA)));
    }

    /** The formula of the javadoc and docs/commitments.md, assembled here from its parts. */
    @ParameterizedTest
    @MethodSource("inputs")
    void isTheDocumentedPoseidonFormula(Inputs inputs) {
        ProposalHeader header = inputs.header();
        BlockCommitments commitments = inputs.commitments();
        GasPrices prices = header.gasPrices();
        Felt counts = Felt.fromBigInteger(BigInteger.valueOf(commitments.transactionCount()).shiftLeft(192)
                .or(BigInteger.valueOf(commitments.eventCount()).shiftLeft(128))
                .or(BigInteger.valueOf(commitments.stateDiffLength()).shiftLeft(64))
                .or(commitments.l1DataAvailabilityMode() == L1DataAvailabilityMode.BLOB
                        ? BigInteger.ONE.shiftLeft(63) : BigInteger.ZERO));
        Felt gasPricesHash = Poseidon.hashMany(Felt.fromShortString("STARKNET_GAS_PRICES0"),
                prices.l1GasPriceWei(), prices.l1GasPriceFri(), prices.l1DataGasPriceWei(),
                prices.l1DataGasPriceFri(), prices.l2GasPriceWei(), prices.l2GasPriceFri());
        Felt expected = Poseidon.hashMany(Felt.fromShortString("VELLUM_PROPOSAL0"),
                Felt.of(header.blockNumber().value()), header.parentProposalCommitment(), header.proposer().value(),
                Felt.of(header.timestampSeconds()), counts, commitments.stateDiffCommitment(),
                commitments.transactionCommitment(), commitments.eventCommitment(), commitments.receiptCommitment(),
                gasPricesHash, Felt.fromShortString(header.starknetVersion().toString()));
        assertThat(ProposalCommitment.compute(header, commitments)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void isDeterministic(Inputs inputs) {
        Felt first = ProposalCommitment.compute(inputs.header(), inputs.commitments());
        ProposalHeader header = inputs.header();
        ProposalHeader copy = new ProposalHeader(new BlockNumber(header.blockNumber().value()),
                Felt.fromHex(header.parentProposalCommitment().toHex()),
                ContractAddress.of(header.proposer().toString()), header.timestampSeconds(), header.gasPrices(),
                StarknetVersion.parse(header.starknetVersion().toString()));
        assertThat(ProposalCommitment.compute(copy, inputs.commitments())).isEqualTo(first);
        assertThat(ProposalCommitment.compute(inputs.header(), inputs.commitments())).isEqualTo(first);
    }

    /** Changing any one input — each header field, each commitment, each count, each gas price — changes it. */
    @ParameterizedTest
    @MethodSource("inputs")
    void everyInputMatters(Inputs inputs) {
        Set<Felt> seen = new HashSet<>();
        seen.add(ProposalCommitment.compute(inputs.header(), inputs.commitments()));
        for (int input = 0; input < INPUT_COUNT; input++) {
            Inputs changed = withOneInputChanged(inputs, input);
            assertThat(changed).isNotEqualTo(inputs);
            assertThat(seen.add(ProposalCommitment.compute(changed.header(), changed.commitments())))
                    .as("changing input %d gave an already-seen commitment: %s", input, changed).isTrue();
        }
        assertThat(seen).hasSize(INPUT_COUNT + 1);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Inputs withOneInputChanged(Inputs inputs, int input) {
        ProposalHeader header = inputs.header();
        BlockCommitments commitments = inputs.commitments();
        BlockNumber number = header.blockNumber();
        Felt parent = header.parentProposalCommitment();
        ContractAddress proposer = header.proposer();
        long timestamp = header.timestampSeconds();
        StarknetVersion version = header.starknetVersion();
        GasPrices prices = header.gasPrices();
        Felt[] price = {prices.l1GasPriceWei(), prices.l1GasPriceFri(), prices.l1DataGasPriceWei(),
            prices.l1DataGasPriceFri(), prices.l2GasPriceWei(), prices.l2GasPriceFri()};
        Felt transactions = commitments.transactionCommitment();
        Felt events = commitments.eventCommitment();
        Felt receipts = commitments.receiptCommitment();
        Felt stateDiff = commitments.stateDiffCommitment();
        long transactionCount = commitments.transactionCount();
        long eventCount = commitments.eventCount();
        long stateDiffLength = commitments.stateDiffLength();
        L1DataAvailabilityMode mode = commitments.l1DataAvailabilityMode();
        switch (input) {
            case 0 -> number = number.next();
            case 1 -> parent = parent.add(Felt.ONE);
            case 2 -> proposer = new ContractAddress(proposer.value().add(Felt.ONE));
            case 3 -> timestamp++;
            case 4 -> version = StarknetVersion.parse(version + ".1");
            case 5, 6, 7, 8, 9, 10 -> price[input - 5] = price[input - 5].add(Felt.ONE);
            case 11 -> transactions = transactions.add(Felt.ONE);
            case 12 -> events = events.add(Felt.ONE);
            case 13 -> receipts = receipts.add(Felt.ONE);
            case 14 -> stateDiff = stateDiff.add(Felt.ONE);
            case 15 -> transactionCount++;
            case 16 -> eventCount++;
            case 17 -> stateDiffLength++;
            case 18 -> mode = mode == L1DataAvailabilityMode.BLOB
                    ? L1DataAvailabilityMode.CALLDATA : L1DataAvailabilityMode.BLOB;
            default -> throw new AssertionError("no input " + input);
        }
        return new Inputs(
                new ProposalHeader(number, parent, proposer, timestamp,
                        new GasPrices(price[0], price[1], price[2], price[3], price[4], price[5]), version),
                new BlockCommitments(transactions, events, receipts, stateDiff, transactionCount, eventCount,
                        stateDiffLength, mode));
    }

    private static Felt price(SplittableRandom random) {
        return Felt.of(random.nextLong(1L << 50));
    }
}
