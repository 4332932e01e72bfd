package io.vellum.network.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.DataAvailabilityMode;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.blockifier.transaction.V3Fields;
import io.vellum.network.api.InvokeTransaction.Builder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ApiCodec} over seeded random transactions: what a client sends parses back to the same transaction, and a
 * random corruption of any field is {@link InvalidRequestException} naming that field — never another exception.
 */
class ApiCodecTest {

    static Stream<Transaction> transactions() {
        return Samples.stream("api-codec-transactions", 200, ApiCodecTest::transaction);
    }

    private static Transaction transaction(SplittableRandom random) {
        ResourceBounds l1 = new ResourceBounds(Felt.fromBigInteger(Samples.bits(random, 64)),
                Felt.fromBigInteger(Samples.bits(random, 128)));
        ResourceBounds l2 = new ResourceBounds(Felt.fromBigInteger(Samples.bits(random, 64)),
                Felt.fromBigInteger(Samples.bits(random, 128)));
        AllResourceBounds bounds = random.nextBoolean() ? AllResourceBounds.of(l1, l2, l2)
                : AllResourceBounds.withoutL1DataGas(l1, l2);
        V3Fields fields = new V3Fields(bounds, Felt.fromBigInteger(Samples.bits(random, 64)), felts(random, 3),
                random.nextBoolean() ? DataAvailabilityMode.L1 : DataAvailabilityMode.L2,
                random.nextBoolean() ? DataAvailabilityMode.L1 : DataAvailabilityMode.L2);
        if (random.nextBoolean()) {
            return new InvokeTransaction(new ContractAddress(Felt.fromBigInteger(Samples.bits(random, 250))),
                    felts(random, 40), felts(random, 4), new Nonce(Felt.fromBigInteger(Samples.bits(random, 64))),
                    fields, felts(random, 2));
        }
        return new DeployAccountTransaction(new ClassHash(Felt.fromBigInteger(Samples.bits(random, 250))), Samples.felt(random),
                felts(random, 5), felts(random, 4), new Nonce(Felt.fromBigInteger(Samples.bits(random, 8))), fields);
    }

    private static List<Felt> felts(SplittableRandom random, int max) {
        int count = random.nextInt(max + 1);
        List<Felt> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Samples.felt(random));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void whatAClientSendsParsesBackToTheSameTransaction(Transaction transaction) {
        assertThat(ApiCodec.transaction(ApiCodec.toProto(transaction), "t")).isEqualTo(transaction);
    }

    static Stream<Object[]> corruptions() {
        List<Object[]> out = new ArrayList<>();
        String[] bad = {"", "0x", "12", "0xg", "0x" + "f".repeat(64), "0x" + "1".repeat(65), "0x-1", "0x１"};
        SplittableRandom random = new SplittableRandom(Samples.seed("api-codec-corruptions"));
        for (int i = 0; i < 60; i++) {
            String value = bad[random.nextInt(bad.length)];
            switch (random.nextInt(5)) {
                case 0 -> out.add(new Object[] {"t.invoke.sender_address", value,
                        (Consumer<Builder>) b -> b.setSenderAddress(value)});
                case 1 -> out.add(new Object[] {"t.invoke.nonce", value, (Consumer<Builder>) b -> b.setNonce(value)});
                case 2 -> out.add(new Object[] {"t.invoke.calldata[0]", value,
                        (Consumer<Builder>) b -> b.clearCalldata().addCalldata(value)});
                case 3 -> out.add(new Object[] {"t.invoke.signature[1]", value,
                        (Consumer<Builder>) b -> b.clearSignature().addSignature("0x1").addSignature(value)});
                default -> out.add(new Object[] {"t.invoke.fields.l2_gas.max_amount", value,
                        (Consumer<Builder>) b -> b.setFields(b.getFields().toBuilder().setL2Gas(
                                b.getFields().getL2Gas().toBuilder().setMaxAmount(value.isEmpty() ? "0x1" + "0".repeat(16)
                                        : value)))});
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void aCorruptedFieldIsInvalidNamingIt(String field, String value, Consumer<Builder> corrupt) {
        InvokeTransaction valid = new InvokeTransaction(ContractAddress.of(0x1234), List.of(Felt.ONE),
                List.of(Felt.TWO, Felt.ONE), Nonce.of(3), V3Fields.of(AllResourceBounds.l2Only(
                        ResourceBounds.of(1_000, 5)), 0), List.of());
        io.vellum.network.api.Transaction message = ApiCodec.toProto(valid);
        Builder invoke = message.getInvoke().toBuilder();
        corrupt.accept(invoke);
        io.vellum.network.api.Transaction corrupted = message.toBuilder().setInvoke(invoke).build();
        assertThatThrownBy(() -> ApiCodec.transaction(corrupted, "t"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @org.junit.jupiter.api.Test
    void aClassHashAboveTwoToThe251IsInvalidNotAnInternalError() {
        DeployAccountTransaction deploy = new DeployAccountTransaction(new ClassHash(Felt.of(5)), Felt.ONE,
                List.of(Felt.TWO), List.of(), Nonce.ZERO, V3Fields.of(AllResourceBounds.l2Only(
                        ResourceBounds.of(1_000, 5)), 0));
        io.vellum.network.api.Transaction message = ApiCodec.toProto(deploy);
        io.vellum.network.api.Transaction tooBig = message.toBuilder().setDeployAccount(message.getDeployAccount()
                .toBuilder().setClassHash(Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251)).toHex())).build();
        assertThatThrownBy(() -> ApiCodec.transaction(tooBig, "t"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("t.deploy_account.class_hash"));
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void boundsAboveTheirWidthAreInvalid(Transaction transaction) {
        io.vellum.network.api.Transaction message = ApiCodec.toProto(transaction);
        String over64 = Felt.fromBigInteger(BigInteger.ONE.shiftLeft(64)).toHex();
        io.vellum.network.api.V3Fields fields = message.hasInvoke() ? message.getInvoke().getFields()
                : message.getDeployAccount().getFields();
        io.vellum.network.api.V3Fields bad = fields.toBuilder().setTip(over64).build();
        io.vellum.network.api.Transaction corrupted = message.hasInvoke()
                ? message.toBuilder().setInvoke(message.getInvoke().toBuilder().setFields(bad)).build()
                : message.toBuilder().setDeployAccount(message.getDeployAccount().toBuilder().setFields(bad)).build();
        assertThatThrownBy(() -> ApiCodec.transaction(corrupted, "t"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).endsWith(
                        ".fields.tip"));
    }
}
