package io.vellum.blockifier.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.ExecutionException;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.testing.TestChain;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The account: the multicall layout, is_valid_signature and the stored key. */
class AccountContractTest {

    @Test
    void theMulticallLayoutIsStarknetJsCairo1Layout() {
        Call first = new Call(ContractAddress.of(0xa), new EntryPointSelector(Felt.of(0x51)), List.of(Felt.of(7),
                Felt.of(8)));
        Call second = new Call(ContractAddress.of(0xb), new EntryPointSelector(Felt.of(0x52)), List.of());
        // [n_calls, to, selector, calldata_len, calldata..., to, selector, calldata_len]
        List<Felt> expected = List.of(Felt.of(2), Felt.of(0xa), Felt.of(0x51), Felt.of(2), Felt.of(7), Felt.of(8),
                Felt.of(0xb), Felt.of(0x52), Felt.ZERO);
        assertThat(Multicall.encode(List.of(first, second))).isEqualTo(expected);
        assertThat(Multicall.decode(new Calldata("__execute__", expected))).containsExactly(first, second);
    }

    @Test
    void decodingRejectsCountsAndLengthsThatTheFeltsDoNotHold() {
        List<List<Felt>> malformed = List.of(
                List.of(),
                List.of(Felt.ONE),
                List.of(Felt.ONE, Felt.of(0xa), Felt.of(0x51), Felt.of(2), Felt.of(7)),
                List.of(Felt.ONE, Felt.of(0xa), Felt.of(0x51), Felt.ZERO, Felt.of(9)),
                List.of(Felt.MAX, Felt.of(0xa), Felt.of(0x51), Felt.ZERO));
        for (List<Felt> felts : malformed) {
            Assertions.assertThatThrownBy(() -> Multicall.decode(new Calldata("__execute__", felts)))
                    .as("%s", felts).isInstanceOfSatisfying(ExecutionException.class,
                            failure -> assertThat(failure.error().code()).isEqualTo("MALFORMED_CALLDATA"));
        }
    }

    @Test
    void isValidSignatureAnswersValidOnlyForTheAccountsKey() {
        TestChain chain = TestChain.create(2);
        ContractAddress account = chain.account(1).address();
        Felt hash = Felt.fromHex("0x1234abcd");
        Signature good = Ecdsa.sign(chain.account(1).privateKey(), hash);
        Signature other = Ecdsa.sign(chain.account(0).privateKey(), hash);
        assertThat(chain.view(account, "is_valid_signature", hash, Felt.TWO, good.r(), good.s()))
                .containsExactly(TransactionExecutor.VALID);
        assertThat(chain.view(account, "is_valid_signature", hash, Felt.TWO, other.r(), other.s()))
                .containsExactly(Felt.ZERO);
        assertThat(chain.view(account, "is_valid_signature", hash, Felt.ONE, good.r())).containsExactly(Felt.ZERO);
        assertThat(TransactionExecutor.VALID).isEqualTo(Felt.fromHex("0x56414c4944"));
    }

    @Test
    void theStoredKeyIsThePublicKeyOfThePrivateKey() {
        TestChain chain = TestChain.create(1);
        assertThat(chain.view(chain.account(0).address(), "get_public_key"))
                .containsExactly(Ecdsa.publicKey(Felt.of(1001)));
    }
}
