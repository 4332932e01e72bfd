package io.vellum.blockifier.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.crypto.StarknetKeccak;
import io.vellum.blockifier.execution.ContractRegistry;
import io.vellum.blockifier.execution.StorageVariable;
import io.vellum.blockifier.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Class hashes, the registry, and storage-variable addresses. */
class ContractIdentityTest {

    @Test
    void eachClassHashIsTheKeccakOfItsVersionedNameAndAllAreDistinct() {
        for (VellumClass vellumClass : VellumClass.values()) {
            assertThat(vellumClass.classHash().value()).isEqualTo(
                    StarknetKeccak.hash(vellumClass.versionedName().getBytes(StandardCharsets.US_ASCII)));
            assertThat(vellumClass.versionedName()).matches("vellum\\.[A-Za-z0-9]+\\.v[0-9]+");
            assertThat(vellumClass.classHash().value().bitLength()).isLessThanOrEqualTo(250);
        }
        assertThat(Arrays.stream(VellumClass.values()).map(VellumClass::classHash).distinct())
                .hasSize(VellumClass.values().length);
    }

    @Test
    void theStandardRegistryHoldsEveryClassAndOnlyTheAccountIsAnAccount() {
        ContractRegistry registry = StandardContracts.registry();
        for (VellumClass vellumClass : VellumClass.values()) {
            assertThat(registry.find(vellumClass.classHash())).as(vellumClass.name()).hasValueSatisfying(contract ->
                    assertThat(contract.isAccount()).isEqualTo(vellumClass == VellumClass.ACCOUNT));
        }
        assertThat(registry.find(new ClassHash(Felt.of(12345)))).isEmpty();
    }

    static Stream<List<Felt>> keys() {
        return Samples.stream("storage variable keys", 30, random -> List.of(Samples.felt(random),
                Samples.felt(random)));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void storageVariableAddressesMatchCairosGetStorageVarAddress(List<Felt> keys) {
        StorageVariable balances = StorageVariable.of("ERC20_balances");
        StorageVariable allowances = StorageVariable.of("ERC20_allowances");
        assertThat(balances.address(keys.get(0)).value())
                .isEqualTo(Selectors.storageVarAddress("ERC20_balances", keys.get(0)));
        assertThat(allowances.address(keys.get(0), keys.get(1)).value())
                .isEqualTo(Selectors.storageVarAddress("ERC20_allowances", keys.get(0), keys.get(1)));
        assertThat(StorageVariable.of("Account_public_key").address().value())
                .isEqualTo(Selectors.storageVarAddress("Account_public_key"));
    }
}
