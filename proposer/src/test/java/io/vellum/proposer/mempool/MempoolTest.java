package io.vellum.proposer.mempool;

import static io.vellum.proposer.Transactions.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MempoolTest {
    private static final java.util.function.Predicate<Felt> NOTHING_FINAL = hash -> false;

    @Test
    void keepsLogOrderWhateverTheArrivalOrderOfCalls() {
        Mempool mempool = new Mempool(MempoolLimits.DEFAULT);
        ExecutableTransaction late = invoke(1, 0, 0, 1);
        ExecutableTransaction early = invoke(2, 0, 0, 2);
        mempool.admit(late, new LogPosition(9, 0), NOTHING_FINAL);
        mempool.admit(early, new LogPosition(3, 4), NOTHING_FINAL);
        assertThat(mempool.snapshot()).extracting(PendingTransaction::transaction).containsExactly(early, late);
        assertThat(mempool.snapshotUpTo(3)).extracting(PendingTransaction::transaction).containsExactly(early);
    }

    @Test
    void dropsDuplicatesAndWhatIsAlreadyFinal() {
        Mempool mempool = new Mempool(MempoolLimits.DEFAULT);
        ExecutableTransaction transaction = invoke(1, 0, 0, 1);
        assertThat(mempool.admit(transaction, new LogPosition(1, 0), NOTHING_FINAL)).isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(transaction, new LogPosition(2, 0), NOTHING_FINAL)).isEqualTo(Admission.DUPLICATE);
        ExecutableTransaction finalOne = invoke(1, 1, 0, 2);
        assertThat(mempool.admit(finalOne, new LogPosition(3, 0), finalOne.hash()::equals))
                .isEqualTo(Admission.DUPLICATE);
        assertThat(mempool.size()).isEqualTo(1);
    }

    @Test
    void enforcesTheTotalAndPerAccountBounds() {
        Mempool mempool = new Mempool(new MempoolLimits(3, 2));
        assertThat(mempool.admit(invoke(1, 0, 0, 1), new LogPosition(1, 0), NOTHING_FINAL)).isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(1, 1, 0, 2), new LogPosition(1, 1), NOTHING_FINAL)).isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(1, 2, 0, 3), new LogPosition(1, 2), NOTHING_FINAL))
                .isEqualTo(Admission.ACCOUNT_FULL);
        assertThat(mempool.admit(invoke(2, 0, 0, 4), new LogPosition(1, 3), NOTHING_FINAL)).isEqualTo(Admission.ADMITTED);
        assertThat(mempool.admit(invoke(3, 0, 0, 5), new LogPosition(1, 4), NOTHING_FINAL))
                .isEqualTo(Admission.MEMPOOL_FULL);
        assertThat(mempool.pendingFor(ContractAddress.of(1))).isEqualTo(2);
    }

    @Test
    void removalFreesRoomAndForgetsTheAccount() {
        Mempool mempool = new Mempool(new MempoolLimits(10, 1));
        ExecutableTransaction first = invoke(1, 0, 0, 1);
        mempool.admit(first, new LogPosition(1, 0), NOTHING_FINAL);
        mempool.remove(List.of(first.hash(), Felt.of(12345)));
        assertThat(mempool.size()).isZero();
        assertThat(mempool.pendingFor(ContractAddress.of(1))).isZero();
        assertThat(mempool.admit(invoke(1, 1, 0, 2), new LogPosition(2, 0), NOTHING_FINAL))
                .isEqualTo(Admission.ADMITTED);
        assertThat(mempool.contains(first.hash())).isFalse();
        assertThat(Set.copyOf(mempool.snapshot())).hasSize(1);
    }
}
