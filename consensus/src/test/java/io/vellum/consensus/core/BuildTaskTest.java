package io.vellum.consensus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.proposer.mempool.LogPosition;
import io.vellum.proposer.mempool.PendingTransaction;
import io.vellum.proposer.ordering.FifoPolicy;
import io.vellum.proposer.ordering.OrderedCandidates;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildTaskTest {

    /**
     * The core hands candidates produced as read to the build thread unread (copying or wrapping them would order
     * the whole backlog on the core's event loop); any other list is copied, so the caller cannot change it.
     */
    @Test
    void candidatesProducedAsReadAreHandedOverUnreadOthersAreCopied() {
        TestChain chain = TestChain.create(2);
        List<PendingTransaction> pending = new ArrayList<>();
        for (int nonce = 0; nonce < 3; nonce++) {
            pending.add(new PendingTransaction(chain.transfer(chain.account(0), chain.account(1).address(),
                    BigInteger.ONE, nonce), new LogPosition(7, nonce)));
        }
        OrderedCandidates lazy = new FifoPolicy().order(pending, chain.state::nonceAt);
        BuildTask task = new BuildTask(1, 1, Felt.ZERO, 7, chain.context(), BlockLimits.DEFAULT, lazy, 0);
        assertThat(task.candidates()).isSameAs(lazy);
        assertThat(lazy.producedSoFar()).isZero();

        List<PendingTransaction> plain = new ArrayList<>(pending);
        BuildTask copied = new BuildTask(1, 1, Felt.ZERO, 7, chain.context(), BlockLimits.DEFAULT, plain, 0);
        plain.clear();
        assertThat(copied.candidates()).containsExactlyElementsOf(pending);
    }
}
