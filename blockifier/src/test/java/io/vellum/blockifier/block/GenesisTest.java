package io.vellum.blockifier.block;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.execution.BlockContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.contracts.VellumClass;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.ContractAddresses;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.crypto.StarkCurve;
import io.vellum.blockifier.contracts.StandardContracts;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The genesis description: the sample file, deterministic keys and addresses, and errors for bad files. */
class GenesisTest {
    private static final BigInteger MILLION_STRK = new BigInteger("1000000000000000000000000");

    @Test
    void theSampleBuildsWithEveryAccountFundedAndASupplyThatAddsUp() {
        GenesisSpec spec = GenesisLoader.sample();
        Genesis genesis = Genesis.build(spec);
        assertThat(genesis.chainId()).isEqualTo(ChainId.of("VELLUM_DEVNET"));
        assertThat(genesis.accounts()).hasSize(17);
        InMemoryState state = genesis.toState();
        ContractAddress strk = genesis.contracts().feeToken();
        assertThat(strk).isEqualTo(ContractAddress.of(
                "0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d"));
        BigInteger sum = BigInteger.ZERO;
        for (GenesisAccount account : genesis.accounts()) {
            assertThat(TestChain.tokenBalance(state, strk, account.address())).isEqualTo(MILLION_STRK);
            assertThat(state.classHashAt(account.address())).isEqualTo(VellumClass.ACCOUNT.classHash());
            assertThat(state.nonceAt(account.address())).isEqualTo(Nonce.ZERO);
            sum = sum.add(TestChain.tokenBalance(state, strk, account.address()));
        }
        ContractAddress pool = genesis.contracts().swapPool().orElseThrow();
        sum = sum.add(TestChain.tokenBalance(state, strk, pool));
        assertThat(TestChain.totalSupply(state, strk)).isEqualTo(sum);
        assertThat(sum).isEqualTo(MILLION_STRK.multiply(BigInteger.valueOf(17)).add(MILLION_STRK.multiply(
                BigInteger.TEN)));
        ContractAddress vusd = genesis.contracts().swapToken().orElseThrow();
        assertThat(TestChain.tokenBalance(state, vusd, pool)).isEqualTo(MILLION_STRK.multiply(BigInteger.valueOf(20)));
        for (VellumClass vellumClass : VellumClass.values()) {
            assertThat(genesis.stateDiff().declaredClasses())
                    .containsEntry(vellumClass.classHash(), vellumClass.compiledClassHash());
        }
        assertThat(genesis.contracts().counter()).isPresent();
        assertThat(genesis.contracts().keyValue()).isPresent();
        assertThat(genesis.contracts().gasBurner()).isPresent();
    }

    @Test
    void derivedKeysAndAddressesCanBeRegeneratedFromTheSeed() {
        Genesis genesis = Genesis.build(GenesisLoader.sample());
        BigInteger orderMinusOne = StarkCurve.ORDER.subtract(BigInteger.ONE);
        for (int index = 0; index < 16; index++) {
            GenesisAccount account = genesis.accounts().get(1 + index);
            BigInteger expectedKey = Poseidon.hash(Felt.fromHex("0x5eed"), Felt.of(index)).toBigInteger()
                    .mod(orderMinusOne).add(BigInteger.ONE);
            assertThat(account.privateKey()).isEqualTo(Felt.fromBigInteger(expectedKey));
            Felt publicKey = Ecdsa.publicKey(account.privateKey());
            assertThat(account.publicKey()).isEqualTo(publicKey);
            assertThat(account.address()).isEqualTo(ContractAddresses.compute(publicKey,
                    VellumClass.ACCOUNT.classHash(), List.of(publicKey), ContractAddress.of(0)));
        }
        assertThat(Genesis.build(GenesisLoader.sample())).isEqualTo(genesis);
    }

    @Test
    void aGenesisAccountCanTransferAtOnce() {
        Genesis genesis = Genesis.build(GenesisLoader.sample());
        GenesisAccount sender = genesis.accounts().get(3);
        GenesisAccount recipient = genesis.accounts().get(4);
        BlockContext context = new BlockContext(BlockNumber.GENESIS.next(), 1_700_000_000L, ContractAddress.of(0x5e9),
                GasPrices.ofL2(1_000_000_000L), genesis.chainId(), genesis.contracts().feeToken());
        InvokeTransaction unsigned = new InvokeTransaction(sender.address(),
                io.vellum.blockifier.contracts.Multicall.encode(TestChain.transferCall(genesis.contracts().feeToken(),
                        recipient.address(), BigInteger.TEN.pow(18))),
                List.of(), Nonce.ZERO, TestChain.fields(1_000_000, 2_000_000_000L, 0), List.of());
        Felt hash = ExecutableTransaction.of(unsigned, genesis.chainId()).hash();
        ExecutableTransaction signed = ExecutableTransaction.of(
                unsigned.withSignature(Ecdsa.sign(sender.privateKey(), hash).toFelts()), genesis.chainId());
        ExecutedBlock block = BlockBuilder.execute(new TransactionExecutor(StandardContracts.registry(),
                ExecutionConfig.DEFAULT), genesis.toState(), context, BlockLimits.DEFAULT, List.of(signed),
                BlockCloseReason.NO_MORE_TRANSACTIONS);
        assertThat(block.receipts()).singleElement().satisfies(receipt ->
                assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
    }

    @Test
    void defaultsFillTheFeeTokenChainAndWorkload() {
        GenesisSpec spec = GenesisLoader.parse("{\"accounts\": [{\"private_key\": \"0x3\", \"balance\": 5}]}");
        assertThat(spec.chainId()).isEqualTo(ChainId.of("VELLUM_DEVNET"));
        assertThat(spec.feeToken().address()).isEqualTo(GenesisLoader.STRK_ADDRESS);
        assertThat(spec.feeToken().token().decimals()).isEqualTo(18);
        assertThat(spec.workload()).isEqualTo(GenesisSpec.Workload.NONE);
        assertThat(spec.accounts()).containsExactly(new GenesisSpec.ListedAccount(Felt.of(3), BigInteger.valueOf(5)));
        assertThat(Genesis.build(spec).contracts().counter()).isEmpty();
    }

    @Test
    void badDescriptionsFailWithThePathOfTheOffendingField() {
        assertError("{", "", "not valid JSON");
        assertError("[]", "", "must be a JSON object");
        assertError("{}", "accounts", "missing");
        assertError("{\"accounts\": [], \"acounts\": 1}", "acounts", "unknown field");
        assertError("{\"accounts\": [{\"private_key\": \"0x3\", \"balance\": \"lots\"}]}", "accounts[0].balance",
                "not a decimal or 0x-hex integer: 'lots'");
        assertError("{\"accounts\": [{\"private_key\": \"0x3\", \"balance\": -1}]}", "accounts[0].balance",
                "must be in [0, 2^256)");
        assertError("{\"accounts\": [{\"private_key\": \"0x3\"}]}", "accounts[0].balance", "missing");
        assertError("{\"accounts\": [{\"balance\": 1}]}", "accounts[0]", "needs either");
        assertError("{\"accounts\": [{\"seed\": \"0x1\", \"count\": 1000000, \"balance\": 1}]}",
                "accounts[0].count", "must be in [0, 100000]");
        assertError("{\"accounts\": [{\"private_key\": \"0x3\", \"balance\": 1, \"nonce\": 2}]}",
                "accounts[0].nonce", "unknown field");
        assertError("{\"chain_id\": \"A_CHAIN_ID_THAT_IS_FAR_TOO_LONG_TO_FIT\", \"accounts\": []}", "chain_id",
                "short string");
        assertError("{\"accounts\": [], \"workload\": {\"counter\": \"yes\"}}", "workload.counter",
                "must be true or false");
        assertError("{\"accounts\": [], \"workload\": {\"swap_pool\": {\"token\": {\"name\": \"T\", \"symbol\": \"T\"},"
                + " \"reserve_fee_token\": 0, \"reserve_token\": 1}}}", "workload.swap_pool", "positive");
        assertError("{\"accounts\": [], \"fee_token\": {\"address\": \"0x8" + "0".repeat(62) + "\"}}",
                "fee_token.address", "below 2^251");
    }

    @Test
    void duplicateAndInvalidKeysFailWhenBuilding() {
        GenesisSpec duplicate = GenesisLoader.parse("{\"accounts\": [{\"private_key\": \"0x3\", \"balance\": 1},"
                + " {\"private_key\": \"0x3\", \"balance\": 2}]}");
        assertThatThrownBy(() -> Genesis.build(duplicate)).isInstanceOfSatisfying(GenesisException.class,
                error -> assertThat(error.path()).isEqualTo("accounts[1]"))
                .hasMessageContaining("already used by accounts[0]");
        GenesisSpec zeroKey = GenesisLoader.parse("{\"accounts\": [{\"private_key\": \"0x0\", \"balance\": 1}]}");
        assertThatThrownBy(() -> Genesis.build(zeroKey)).isInstanceOf(GenesisException.class)
                .hasMessageContaining("private key must be in [1, n)");
    }

    private static void assertError(String json, String path, String message) {
        assertThatThrownBy(() -> GenesisLoader.parse(json)).as(json).isInstanceOfSatisfying(GenesisException.class,
                error -> {
                    assertThat(error.path()).isEqualTo(path);
                    assertThat(error.getMessage()).contains(message);
                });
    }
}
