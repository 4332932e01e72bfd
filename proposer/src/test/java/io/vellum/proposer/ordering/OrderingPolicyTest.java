package io.vellum.proposer.ordering;

import static io.vellum.proposer.Transactions.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderingPolicyTest {
    private static final NonceSource ALL_ZERO = account -> Nonce.ZERO;

    @Test
    void fifoFollowsTheLogAndPlacesAWaitingNonceAfterTheOneThatFillsTheGap() {
        PendingTransaction a1 = pending(0xa, 1, 0, 1, 0);
        PendingTransaction b0 = pending(0xb, 0, 0, 2, 0);
        PendingTransaction a0 = pending(0xa, 0, 0, 3, 0);
        PendingTransaction c5 = pending(0xc, 5, 0, 4, 0); // gap: waits
        assertThat(new FifoPolicy().order(List.of(a1, b0, a0, c5), ALL_ZERO)).containsExactly(b0, a0, a1);
    }

    @Test
    void staleTransactionsAreCandidatesSoTheBuilderPurgesThem() {
        PendingTransaction stale = pending(0xa, 1, 0, 1, 0);
        PendingTransaction current = pending(0xa, 2, 0, 2, 0);
        NonceSource nonces = account -> Nonce.of(2);
        assertThat(new FifoPolicy().order(List.of(stale, current), nonces)).containsExactly(stale, current);
        PendingTransaction richCurrent = pending(0xa, 2, 9, 1, 1);
        assertThat(new TipPriorityPolicy().order(List.of(stale, richCurrent), nonces))
                .containsExactly(richCurrent, stale);
    }

    @Test
    void tipPriorityTakesTheHighestTipAmongTheNextNoncesOfEachAccount() {
        PendingTransaction a0 = pending(0xa, 0, 5, 1, 0);
        PendingTransaction a1 = pending(0xa, 1, 100, 1, 1); // high tip, but must wait for a0
        PendingTransaction b0 = pending(0xb, 0, 50, 2, 0);
        PendingTransaction c0 = pending(0xc, 0, 50, 3, 0); // same tip as b0, later in the log
        assertThat(new TipPriorityPolicy().order(List.of(a0, a1, b0, c0), ALL_ZERO)).containsExactly(b0, c0, a0, a1);
    }

    @Test
    void policiesAreNamed() {
        assertThat(OrderingPolicy.named("fifo")).isInstanceOf(FifoPolicy.class);
        assertThat(OrderingPolicy.named("tip-priority")).isInstanceOf(TipPriorityPolicy.class);
        assertThatThrownBy(() -> OrderingPolicy.named("random")).hasMessageContaining("fifo");
    }

    static Stream<Long> seeds() {
        return io.vellum.blockifier.testing.Samples.stream("ordering-policies", 200, SplittableRandom::nextLong);
    }

    /** FIFO equals "repeatedly take the earliest pending transaction that is stale or next for its account". */
    @ParameterizedTest
    @MethodSource("seeds")
    void fifoMatchesItsReference(long seed) {
        Mempoolish mempool = randomMempool(seed);
        List<PendingTransaction> expected = reference(mempool, Comparator.comparing(PendingTransaction::position));
        assertThat(new FifoPolicy().order(mempool.pending, mempool.nonces::get)).as("seed %d", seed)
                .containsExactlyElementsOf(expected);
    }

    /** Tip priority equals the same rule with "highest tip, then earliest" as the preference. */
    @ParameterizedTest
    @MethodSource("seeds")
    void tipPriorityMatchesItsReference(long seed) {
        Mempoolish mempool = randomMempool(seed);
        List<PendingTransaction> expected = reference(mempool,
                Comparator.comparing(PendingTransaction::tip).reversed().thenComparing(PendingTransaction::position));
        assertThat(new TipPriorityPolicy().order(mempool.pending, mempool.nonces::get)).as("seed %d", seed)
                .containsExactlyElementsOf(expected);
    }

    /**
     * Candidates are produced as they are read: reading a prefix (by index, by iterator, or asking whether one
     * exists) gives the prefix of the whole ordering and produces no more than it reaches, and no nonce is read
     * once the ordering has returned (the state view behind the nonces is closed by then).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void candidatesAreProducedAsRead(long seed) {
        Mempoolish mempool = randomMempool(seed);
        List<PendingTransaction> whole = reference(mempool,
                Comparator.comparing(PendingTransaction::tip).reversed().thenComparing(PendingTransaction::position));
        int prefix = new SplittableRandom(seed).nextInt(whole.size() + 2);
        boolean[] closed = {false};
        NonceSource nonces = account -> {
            if (closed[0]) {
                throw new AssertionError("a nonce read after the ordering returned: " + account);
            }
            return mempool.nonces.get(account);
        };
        OrderedCandidates lazy = new TipPriorityPolicy().order(mempool.pending, nonces);
        closed[0] = true;
        assertThat(lazy.producedSoFar()).isZero();
        assertThat(lazy.isEmpty()).isEqualTo(whole.isEmpty());
        assertThat(lazy.has(prefix)).isEqualTo(prefix < whole.size());
        assertThat(lazy.producedSoFar()).isEqualTo(Math.min(prefix + 1, whole.size()));
        List<PendingTransaction> read = new ArrayList<>();
        Iterator<PendingTransaction> iterator = lazy.iterator();
        for (int i = 0; i < prefix && iterator.hasNext(); i++) {
            read.add(iterator.next());
        }
        assertThat(read).isEqualTo(whole.subList(0, Math.min(prefix, whole.size())));
        assertThat(lazy.producedSoFar()).isLessThanOrEqualTo(prefix + 1);
        for (int i = whole.size() - 1; i >= 0; i--) {
            assertThat(lazy.get(i)).isEqualTo(whole.get(i));
        }
        assertThatThrownBy(() -> lazy.get(whole.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(lazy.size()).isEqualTo(whole.size());
        assertThat(lazy).isEqualTo(whole);
    }

    private record Mempoolish(List<PendingTransaction> pending, Map<ContractAddress, Nonce> nonces) {
    }

    private static Mempoolish randomMempool(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<ContractAddress, Nonce> nonces = new HashMap<>();
        for (int account = 0; account < 5; account++) {
            nonces.put(ContractAddress.of(account), Nonce.of(random.nextInt(3)));
        }
        List<PendingTransaction> pending = new ArrayList<>();
        int count = random.nextInt(30);
        for (int i = 0; i < count; i++) {
            pending.add(pending(random.nextInt(5), random.nextInt(6), random.nextInt(4), i, 0));
        }
        return new Mempoolish(pending, nonces);
    }

    /**
     * The shared reference, quadratic and obviously faithful to the contract: repeatedly pick, by
     * {@code preference}, among transactions that are stale or exactly next for their account; picking the next
     * one advances its account.
     */
    private static List<PendingTransaction> reference(Mempoolish mempool, Comparator<PendingTransaction> preference) {
        Map<ContractAddress, Nonce> expected = new HashMap<>(mempool.nonces);
        List<PendingTransaction> left = new ArrayList<>(mempool.pending);
        List<PendingTransaction> out = new ArrayList<>();
        while (true) {
            PendingTransaction best = null;
            for (PendingTransaction transaction : left) {
                int c = transaction.nonce().compareTo(expected.get(transaction.account()));
                if (c <= 0 && (best == null || preference.compare(transaction, best) < 0)) {
                    best = transaction;
                }
            }
            if (best == null) {
                return out;
            }
            take(best, left, out, expected);
        }
    }

    private static void take(PendingTransaction transaction, List<PendingTransaction> left,
            List<PendingTransaction> out, Map<ContractAddress, Nonce> expected) {
        left.remove(transaction);
        out.add(transaction);
        if (transaction.nonce().equals(expected.get(transaction.account()))) {
            expected.put(transaction.account(), transaction.nonce().next());
        }
    }
}
