package io.vellum.proposer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.proposer.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposerScheduleTest {
    private static final List<NodeId> VOTERS = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"));

    @Test
    void leaderScheduleNamesTheLeader() {
        assertThat(ProposerSchedule.parse("leader").proposerFor(7, NodeId.of("n2"), VOTERS)).isEqualTo(NodeId.of("n2"));
    }

    @Test
    void roundRobinGivesEachVoterKConsecutiveHeights() {
        ProposerSchedule schedule = ProposerSchedule.parse("round-robin:2");
        NodeId leader = NodeId.of("n1");
        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L).stream().map(h -> schedule.proposerFor(h, leader, VOTERS).value()))
                .containsExactly("n1", "n1", "n2", "n2", "n3", "n3", "n1");
        assertThat(schedule.name()).isEqualTo("round-robin:2");
    }

    @Test
    void badSchedulesAreExplained() {
        assertThatThrownBy(() -> ProposerSchedule.parse("round-robin:x")).hasMessageContaining("round-robin:4");
        assertThatThrownBy(() -> ProposerSchedule.parse("round-robin:0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ProposerSchedule.parse("lottery")).hasMessageContaining("known");
        assertThatThrownBy(() -> NodeId.of("bad id")).hasMessageContaining("node id");
    }
}
