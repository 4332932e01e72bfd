/**
 * Proposer schedules: which node proposes each height. Only the Raft leader submits proposals; when the schedule
 * names another node, the leader hands leadership to it.
 */
package io.vellum.proposer.schedule;
