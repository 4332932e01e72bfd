package io.vellum.blockifier.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Vellum's proposal commitment: its documented formula, determinism, and sensitivity to every input. */
class ProposalCommitmentTest {

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

    @ParameterizedTest
    @MethodSource("inputs")
    void isTheDocumentedPoseidonFormula(Inputs inputs) {
        ProposalHeader h = inputs.header();
        BlockCommitments c = inputs.commitments();
        GasPrices g = h.gasPrices();
        Felt counts = Felt.fromBigInteger(BigInteger.valueOf(c.transactionCount()).shiftLeft(192)
                .or(BigInteger.valueOf(c.eventCount()).shiftLeft(128))
                .or(BigInteger.valueOf(c.stateDiffLength()).shiftLeft(64))
                .or(c.l1DataAvailabilityMode() == L1DataAvailabilityMode.BLOB
                        ? BigInteger.ONE.shiftLeft(63) : BigInteger.ZERO));
        Felt gasPricesHash = Poseidon.hashMany(Felt.fromShortString("STARKNET_GAS_PRICES0"), g.l1GasPriceWei(),
                g.l1GasPriceFri(), g.l1DataGasPriceWei(), g.l1DataGasPriceFri(), g.l2GasPriceWei(), g.l2GasPriceFri());
        Felt expected = Poseidon.hashMany(Felt.fromShortString("VELLUM_PROPOSAL0"), Felt.of(h.blockNumber().value()),
                h.parentProposalCommitment(), h.proposer().value(), Felt.of(h.timestampSeconds()), counts,
                c.stateDiffCommitment(), c.transactionCommitment(), c.eventCommitment(), c.receiptCommitment(),
                gasPricesHash, Felt.fromShortString(h.starknetVersion().toString()));
        assertThat(ProposalCommitment.compute(h, c)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void isDeterministic(Inputs inputs) {
        Felt first = ProposalCommitment.compute(inputs.header(), inputs.commitments());
        ProposalHeader h = inputs.header();
        ProposalHeader copy = new ProposalHeader(new BlockNumber(h.blockNumber().value()),
                Felt.fromHex(h.parentProposalCommitment().toHex()), ContractAddress.of(h.proposer().toString()),
                h.timestampSeconds(), h.gasPrices(), StarknetVersion.parse(h.starknetVersion().toString()));
        assertThat(ProposalCommitment.compute(copy, inputs.commitments())).isEqualTo(first);
        assertThat(ProposalCommitment.compute(inputs.header(), inputs.commitments())).isEqualTo(first);
    }

    /** Changing any one input — each header field, each commitment, each count, each gas price — changes it. */
    @ParameterizedTest
    @MethodSource("inputs")
    void everyInputMatters(Inputs inputs) {
        ProposalHeader h = inputs.header();
        BlockCommitments c = inputs.commitments();
        GasPrices g = h.gasPrices();
        List<UnaryOperator<Inputs>> changes = new ArrayList<>();
        changes.add(i -> header(i, new ProposalHeader(h.blockNumber().next(), h.parentProposalCommitment(),
                h.proposer(), h.timestampSeconds(), g, h.starknetVersion())));
        changes.add(i -> header(i, new ProposalHeader(h.blockNumber(), plusOne(h.parentProposalCommitment()),
                h.proposer(), h.timestampSeconds(), g, h.starknetVersion())));
        changes.add(i -> header(i, new ProposalHeader(h.blockNumber(), h.parentProposalCommitment(),
                new ContractAddress(h.proposer().value().add(Felt.ONE)), h.timestampSeconds(), g,
                h.starknetVersion())));
        changes.add(i -> header(i, new ProposalHeader(h.blockNumber(), h.parentProposalCommitment(), h.proposer(),
                h.timestampSeconds() + 1, g, h.starknetVersion())));
        changes.add(i -> header(i, new ProposalHeader(h.blockNumber(), h.parentProposalCommitment(), h.proposer(),
                h.timestampSeconds(), g, StarknetVersion.parse(h.starknetVersion() + ".1"))));
        for (int price = 0; price < 6; price++) {
            int changed = price;
            changes.add(i -> header(i, new ProposalHeader(h.blockNumber(), h.parentProposalCommitment(), h.proposer(),
                    h.timestampSeconds(), withPrice(g, changed), h.starknetVersion())));
        }
        changes.add(i -> commitments(i, new BlockCommitments(plusOne(c.transactionCommitment()), c.eventCommitment(),
                c.receiptCommitment(), c.stateDiffCommitment(), c.transactionCount(), c.eventCount(),
                c.stateDiffLength(), c.l1DataAvailabilityMode())));
        changes.add(i -> commitments(i, new BlockCommitments(c.transactionCommitment(), plusOne(c.eventCommitment()),
                c.receiptCommitment(), c.stateDiffCommitment(), c.transactionCount(), c.eventCount(),
                c.stateDiffLength(), c.l1DataAvailabilityMode())));
        changes.add(i -> commitments(i, new BlockCommitments(c.transactionCommitment(), c.eventCommitment(),
                plusOne(c.receiptCommitment()), c.stateDiffCommitment(), c.transactionCount(), c.eventCount(),
                c.stateDiffLength(), c.l1DataAvailabilityMode())));
        changes.add(i -> commitments(i, new BlockCommitments(c.transactionCommitment(), c.eventCommitment(),
                c.receiptCommitment(), plusOne(c.stateDiffCommitment()), c.transactionCount(), c.eventCount(),
                c.stateDiffLength(), c.l1DataAvailabilityMode())));
        changes.add(i -> commitments(i, new BlockCommitments(c.transactionCommitment(), c.eventCommitment(),
                c.receiptCommitment(), c.stateDiffCommitment(), c.transactionCount() + 1, c.eventCount(),
                c.stateDiffLength(), c.l1DataAvailabilityMode())));
        changes.add(i -> commitments(i, new BlockCommitments(c.transactionCommitment(), c.eventCommitment(),
                c.receiptCommitment(), c.stateDiffCommitment(), c.transactionCount(), c.eventCount() + 1,
                c.stateDiffLength(), c.l1DataAvailabilityMode())));
        changes.add(i -> commitments(i, new BlockCommitments(c.transactionCommitment(), c.eventCommitment(),
                c.receiptCommitment(), c.stateDiffCommitment(), c.transactionCount(), c.eventCount(),
                c.stateDiffLength() + 1, c.l1DataAvailabilityMode())));
        changes.add(i -> commitments(i, new BlockCommitments(c.transactionCommitment(), c.eventCommitment(),
                c.receiptCommitment(), c.stateDiffCommitment(), c.transactionCount(), c.eventCount(),
                c.stateDiffLength(), c.l1DataAvailabilityMode() == L1DataAvailabilityMode.BLOB
                        ? L1DataAvailabilityMode.CALLDATA : L1DataAvailabilityMode.BLOB)));

        Set<Felt> seen = new HashSet<>();
        seen.add(ProposalCommitment.compute(h, c));
        for (UnaryOperator<Inputs> change : changes) {
            Inputs changed = change.apply(inputs);
            assertThat(seen.add(ProposalCommitment.compute(changed.header(), changed.commitments())))
                    .as("a change gave an already-seen commitment: %s", changed).isTrue();
        }
        assertThat(seen).hasSize(changes.size() + 1).hasSize(20);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Felt price(SplittableRandom random) {
        return Felt.of(random.nextLong(1L << 50));
    }

    private static Felt plusOne(Felt value) {
        return value.add(Felt.ONE);
    }

    private static Inputs header(Inputs inputs, ProposalHeader header) {
        return new Inputs(header, inputs.commitments());
    }

    private static Inputs commitments(Inputs inputs, BlockCommitments commitments) {
        return new Inputs(inputs.header(), commitments);
    }

    private static GasPrices withPrice(GasPrices g, int index) {
        Felt[] prices = {g.l1GasPriceWei(), g.l1GasPriceFri(), g.l1DataGasPriceWei(), g.l1DataGasPriceFri(),
            g.l2GasPriceWei(), g.l2GasPriceFri()};
        prices[index] = plusOne(prices[index]);
        return new GasPrices(prices[0], prices[1], prices[2], prices[3], prices[4], prices[5]);
    }
}
