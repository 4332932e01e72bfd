package io.vellum.proposer.mempool;

import static io.vellum.proposer.Transactions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MempoolTest {
    private static final java.util.function.Predicate<Felt> NOTHING_FINAL = hash -> false;
    /** Every account's nonce in the head state is 0. */
    private static final Function<ContractAddress, Nonce> HEAD_ZERO = account -> Nonce.ZERO;

    /**
     * Past nine tenths of its bound the mempool admits only transactions that continue their account's run of
     * nonces: one further behind a gap is dropped, the one filling the gap is admitted, so transactions behind gaps
     * can never fill it (no candidate for any block, and the gap fillers dropped in turn: the chain would stall).
     */
    @Test
    void pastNineTenthsOnlyTransactionsContinuingTheirAccountsRunAreAdmitted() {
        Mempool mempool = new Mempool(new MempoolLimits(30, 100));
        assertThat(new MempoolLimits(30, 100).runsOnlyFrom()).isEqualTo(27);
        for (int nonce = 1; nonce <= 27; nonce++) { // account 1's nonce 0 never came: all 27 wait behind the gap
            assertThat(mempool.admit(invoke(1, nonce, 0, nonce), new LogPosition(1, nonce), NOTHING_FINAL,
                    HEAD_ZERO)).isEqualTo(Admission.ADMITTED);
        }
        LogPosition next = new LogPosition(2, 0);
        assertThat(mempool.admit(invoke(2, 1, 0, 101), next, NOTHING_FINAL, HEAD_ZERO))
                .as("behind a gap of its own").isEqualTo(Admission.MEMPOOL_FULL);
        assertThat(mempool.admit(invoke(2, 0, 0, 102), new LogPosition(2, 1), NOTHING_FINAL, HEAD_ZERO))
                .as("the account's next nonce").isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(2, 1, 0, 103), new LogPosition(2, 2), NOTHING_FINAL, HEAD_ZERO))
                .as("continuing its run").isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(1, 28, 0, 104), new LogPosition(2, 3), NOTHING_FINAL, HEAD_ZERO))
                .as("further behind account 1's gap").isEqualTo(Admission.MEMPOOL_FULL);
        assertThat(mempool.admit(invoke(1, 0, 0, 105), new LogPosition(2, 4), NOTHING_FINAL, HEAD_ZERO))
                .as("filling account 1's gap").isEqualTo(Admission.ADMITTED);
        assertThat(mempool.size()).isEqualTo(30);
        assertThat(mempool.admit(invoke(3, 5, 0, 106), new LogPosition(2, 5), NOTHING_FINAL, account -> Nonce.of(5)))
                .as("full: even a runnable one").isEqualTo(Admission.MEMPOOL_FULL);
    }

    /** The run ends at the first missing nonce, however many of the account's transactions are pending. */
    @Test
    void onlyTheFirstGapCountsNotHowManyArePending() {
        Mempool mempool = new Mempool(new MempoolLimits(10, 100));
        for (int nonce = 2; nonce <= 10; nonce++) { // nonces 0 and 1 missing
            mempool.admit(invoke(5, nonce, 0, nonce), new LogPosition(1, nonce), NOTHING_FINAL, HEAD_ZERO);
        }
        assertThat(mempool.size()).isEqualTo(9);
        assertThat(mempool.admit(invoke(5, 1, 0, 50), new LogPosition(2, 0), NOTHING_FINAL, HEAD_ZERO))
                .as("still behind the gap at 0").isEqualTo(Admission.MEMPOOL_FULL);
        assertThat(mempool.admit(invoke(5, 0, 0, 51), new LogPosition(2, 1), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.ADMITTED);
        mempool.remove(List.of(invoke(5, 0, 0, 51).hash()));
        assertThat(mempool.admit(invoke(5, 1, 0, 52), new LogPosition(2, 2), NOTHING_FINAL, account -> Nonce.of(1)))
                .as("once 0 is final, 1 continues the run").isEqualTo(Admission.ADMITTED);
    }

    @Test
    void restoringIgnoresTheRunRule() {
        Mempool mempool = new Mempool(new MempoolLimits(10, 100));
        for (int nonce = 1; nonce <= 10; nonce++) {
            assertThat(mempool.restore(invoke(1, nonce, 0, nonce), new LogPosition(1, nonce)))
                    .isEqualTo(Admission.ADMITTED);
        }
        assertThat(mempool.size()).isEqualTo(10);
    }

    @Test
    void keepsLogOrderWhateverTheArrivalOrderOfCalls() {
        Mempool mempool = new Mempool(MempoolLimits.DEFAULT);
        ExecutableTransaction late = invoke(1, 0, 0, 1);
        ExecutableTransaction early = invoke(2, 0, 0, 2);
        mempool.admit(late, new LogPosition(9, 0), NOTHING_FINAL, HEAD_ZERO);
        mempool.admit(early, new LogPosition(3, 4), NOTHING_FINAL, HEAD_ZERO);
        assertThat(mempool.snapshot()).extracting(PendingTransaction::transaction).containsExactly(early, late);
        assertThat(mempool.snapshotUpTo(3)).extracting(PendingTransaction::transaction).containsExactly(early);
    }

    @Test
    void dropsDuplicatesAndWhatIsAlreadyFinal() {
        Mempool mempool = new Mempool(MempoolLimits.DEFAULT);
        ExecutableTransaction transaction = invoke(1, 0, 0, 1);
        assertThat(mempool.admit(transaction, new LogPosition(1, 0), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(transaction, new LogPosition(2, 0), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.DUPLICATE);
        ExecutableTransaction finalOne = invoke(1, 1, 0, 2);
        assertThat(mempool.admit(finalOne, new LogPosition(3, 0), finalOne.hash()::equals, HEAD_ZERO))
                .isEqualTo(Admission.DUPLICATE);
        assertThat(mempool.size()).isEqualTo(1);
    }

    @Test
    void enforcesTheTotalAndPerAccountBounds() {
        Mempool mempool = new Mempool(new MempoolLimits(3, 2));
        assertThat(mempool.admit(invoke(1, 0, 0, 1), new LogPosition(1, 0), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(1, 1, 0, 2), new LogPosition(1, 1), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(1, 2, 0, 3), new LogPosition(1, 2), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.ACCOUNT_FULL);
        assertThat(mempool.admit(invoke(2, 0, 0, 4), new LogPosition(1, 3), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(3, 0, 0, 5), new LogPosition(1, 4), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.MEMPOOL_FULL);
        assertThat(mempool.pendingFor(ContractAddress.of(1))).isEqualTo(2);
    }

    @Test
    void removalFreesRoomAndForgetsTheAccount() {
        Mempool mempool = new Mempool(new MempoolLimits(10, 1));
        ExecutableTransaction first = invoke(1, 0, 0, 1);
        mempool.admit(first, new LogPosition(1, 0), NOTHING_FINAL, HEAD_ZERO);
        mempool.remove(List.of(first.hash(), Felt.of(12345)));
        assertThat(mempool.size()).isZero();
        assertThat(mempool.pendingFor(ContractAddress.of(1))).isZero();
        assertThat(mempool.admit(invoke(1, 1, 0, 2), new LogPosition(2, 0), NOTHING_FINAL, HEAD_ZERO))
                .isEqualTo(Admission.ADMITTED);
        assertThat(mempool.contains(first.hash())).isFalse();
        assertThat(Set.copyOf(mempool.snapshot())).hasSize(1);
    }
}
