package io.vellum.consensus.node;

import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Signed STRK transfers between the genesis accounts, each account's nonces in order. */
final class Transfers {
    private final TestChain chain;
    private final SplittableRandom random;
    private final long[] nextNonce;

    Transfers(TestChain chain, long seed) {
        this.chain = chain;
        this.random = new SplittableRandom(seed);
        this.nextNonce = new long[chain.genesis.accounts().size()];
    }

    /** The next transfer from account {@code from} to a random other account. */
    ExecutableTransaction next(int from) {
        List<GenesisAccount> accounts = chain.genesis.accounts();
        int to = random.nextInt(accounts.size() - 1);
        if (to >= from) {
            to++;
        }
        return chain.transfer(accounts.get(from), accounts.get(to).address(),
                BigInteger.valueOf(1 + random.nextInt(1_000)), nextNonce[from]++);
    }

    /** {@code perAccount} transfers from each account of {@code accounts}, account by account. */
    List<ExecutableTransaction> from(List<Integer> accounts, int perAccount) {
        List<ExecutableTransaction> out = new ArrayList<>();
        for (int account : accounts) {
            for (int i = 0; i < perAccount; i++) {
                out.add(next(account));
            }
        }
        return out;
    }
}
