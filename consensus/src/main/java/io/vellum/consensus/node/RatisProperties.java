package io.vellum.consensus.node;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Ratis properties of a node, from its {@link NodeConfig} (see RATIS.md for why each is set). */
final class RatisProperties {
    private RatisProperties() {
    }

    /**
     * How long the leader's appender waits after each error of a follower: (sleep, attempts) pairs, chosen by the count
     * of consecutive errors. Ratis counts an INCONSISTENCY reply as an error, and a follower that holds entries of a
     * deposed leader (the minority side of a partition, a leader killed with uncommitted entries) answers one such
     * reply per entry while the leader walks back to where their logs agree; the errors of the partition itself
     * (timeouts, thousands of them) are still counted when the walk starts. With Ratis' default
     * ({@code 1ms,10, 1s,20, 5s,1000}) a walk of 80 entries took minutes: the simulator saw healed nodes stay behind
     * for over a minute. Here the walk takes 1 ms per entry for the first 2,000 errors and 10 ms after: a hundred
     * entries a second at worst; an unreachable follower is tried a hundred times a second.
     */
    static final String APPENDER_RETRY_POLICY = "1ms,2000, 10ms,100000000";

    /**
     * Append requests in flight per follower (Ratis' default: 8). Measured in the simulator's minority-partition
     * scenario: a healed follower holding 12 entries of a deposed leader took 22 s to catch up. The leader walks
     * back one entry per INCONSISTENCY reply, but after each reply it pipelines more requests whose previous entry
     * lies past the follower's log; their replies name the follower's log end, and the walk starts over.
     */
    static final int LEADER_OUTSTANDING_APPENDS = 1;

    static RaftProperties server(NodeConfig config, File storageDir) {
        RatisSettings settings = config.ratis();
        RaftProperties properties = client(config);
        RaftServerConfigKeys.setStorageDir(properties, List.of(storageDir));
        // gRPC on loopback only; the admin and client services share the server port (their ports default to -1).
        GrpcConfigKeys.Server.setHost(properties, config.raftAddress().host());
        GrpcConfigKeys.Server.setPort(properties, config.raftAddress().port());
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, ms(settings.electionTimeoutMinMs()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, ms(settings.electionTimeoutMaxMs()));
        RaftServerConfigKeys.Rpc.setRequestTimeout(properties, ms(settings.requestTimeoutMs()));
        RaftServerConfigKeys.setSleepDeviationThreshold(properties, ms(settings.sleepDeviationThresholdMs()));
        // Snapshots every N entries, the log purged up to them: a follower that lagged further installs a snapshot.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, settings.snapshotThresholdEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false); // the store already holds it all
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, settings.purgeGapEntries());
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(settings.logSegmentSizeMaxBytes()));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, true);
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(properties, APPENDER_RETRY_POLICY);
        GrpcConfigKeys.Server.setLeaderOutstandingAppendsMax(properties, LEADER_OUTSTANDING_APPENDS);
        // Ratis' retry cache must outlive a client's retries (RATIS-1873), or a retried entry is applied twice
        // and Ratis' own assertion on the cache entry fails (seen with -ea in LinkFaultsClusterTest).
        RaftServerConfigKeys.RetryCache.setExpiryTime(properties, ms(clientRetryBudgetMs(settings) + 30_000));
        return properties;
    }

    static RaftProperties client(NodeConfig config) {
        RatisSettings settings = config.ratis();
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, settings.clientWindow());
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, ms(settings.requestTimeoutMs()));
        return properties;
    }

    /** The longest one entry can spend in a client's retries: every attempt timing out. */
    static long clientRetryBudgetMs(RatisSettings settings) {
        return settings.retryAttempts() * (settings.requestTimeoutMs() + settings.retrySleepMs());
    }

    /** A bounded retry: Ratis' default retries forever without sleeping. */
    static RetryPolicy retryPolicy(NodeConfig config) {
        return RetryPolicies.retryUpToMaximumCountWithFixedSleep(config.ratis().retryAttempts(),
                ms(config.ratis().retrySleepMs()));
    }

    private static TimeDuration ms(long milliseconds) {
        return TimeDuration.valueOf(milliseconds, TimeUnit.MILLISECONDS);
    }
}
