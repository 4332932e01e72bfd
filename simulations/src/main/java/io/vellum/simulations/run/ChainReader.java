package io.vellum.simulations.run;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.consensus.store.StoredBlock;
import io.vellum.simulations.check.BlockRecord;
import io.vellum.simulations.check.NodeChain;
import io.vellum.storage.BlockCommitment;
import io.vellum.storage.ProverJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a running node's final chain from its store, for the checkers. */
final class ChainReader {
    private ChainReader() {
    }

    static NodeChain read(SequencerNode node) {
        long height = node.consensus().finalHeight();
        List<BlockRecord> blocks = new ArrayList<>();
        for (long h = 1; h <= height; h++) {
            Optional<StoredBlock> stored = node.chain().block(h);
            if (stored.isEmpty()) {
                break; // a gap: the checkers report it
            }
            StoredBlock block = stored.get();
            Optional<BlockCommitment> commitment = node.chain().store().commitment(new BlockNumber(h));
            Optional<ProverJob> job = node.proverQueue().job(h);
            blocks.add(new BlockRecord(h, block.proposal().term(), block.proposal().proposer().value(),
                    block.proposal().proposalCommitment().toHex(), block.commitments().toString(),
                    block.transactions().stream().map(ExecutableTransaction::hash).map(Felt::toHex).toList(),
                    block.rejected().keySet().stream().map(Felt::toHex).sorted().toList(),
                    commitment.map(c -> c.stateRoot().toHex()).orElse(""),
                    commitment.map(c -> c.blockHash().toHex()).orElse(""),
                    block.proposal().closeReason().name(), block.proposal().timestampSeconds(),
                    job.map(j -> j.status().name()).orElse(""), job.map(ProverJob::attempts).orElse(0)));
        }
        return new NodeChain(node.config().id().value(), blocks);
    }
}
