package io.vellum.consensus.core;

import io.vellum.consensus.entry.LogEntry;
import io.vellum.proposer.NodeId;
import java.util.Objects;

/** What the core asks its driver to do. The driver performs actions in order, outside the apply path. */
public sealed interface Action {

    /** Append an entry to the log (send it to the leader). It may be lost; the core resends what matters. */
    record Submit(LogEntry entry) implements Action {
        public Submit {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** Build a block, then call {@link SequencerCore#onBuilt} (or {@link SequencerCore#onBuildFailed}). */
    record Build(BuildTask task) implements Action {
        public Build {
            Objects.requireNonNull(task, "task");
        }
    }

    /** Hand Raft leadership to {@code target} (this node is the leader and it is not the proposer's turn). */
    record TransferLeadership(NodeId target) implements Action {
        public TransferLeadership {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Tell observers (clients' status, metrics, histories) what happened. */
    record Notify(Notification notification) implements Action {
        public Notify {
            Objects.requireNonNull(notification, "notification");
        }
    }
}
