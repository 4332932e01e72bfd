package io.vellum.blockifier.execution;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.TransactionType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The receipt of an included transaction: its hash, the fee actually charged (in fri), how it ended (with the
 * revert reason when it reverted), the events and L1 messages it produced (none when it reverted, except the fee
 * transfer's event), and the gas it consumed.
 */
public record Receipt(
        Felt transactionHash,
        TransactionType type,
        Felt actualFee,
        ExecutionStatus status,
        Optional<String> revertReason,
        List<Event> events,
        List<MessageToL1> messagesToL1,
        GasConsumed gasConsumed) {

    public Receipt {
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actualFee, "actualFee");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(revertReason, "revertReason");
        if ((status == ExecutionStatus.REVERTED) != revertReason.isPresent()) {
            throw new IllegalArgumentException("a revert reason is given exactly when the status is REVERTED: "
                    + status + ", " + revertReason);
        }
        events = List.copyOf(events);
        messagesToL1 = List.copyOf(messagesToL1);
        Objects.requireNonNull(gasConsumed, "gasConsumed");
    }
}
