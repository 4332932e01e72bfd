package io.vellum.consensus.node;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.entry.EntryCodec;
import io.vellum.consensus.entry.TransactionBatch;
import io.vellum.proposer.mempool.Admission;
import io.vellum.proposer.mempool.MempoolLimits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The cluster benchmark: three Vellum nodes in one JVM (Ratis over gRPC on 127.0.0.1, RocksDB stores, real
 * execution of signed STRK transfers), fed open-loop at a fixed rate, then raw Ratis with a no-op state machine fed
 * entries of the same bytes.
 *
 * <p>Run it with (see {@code docs/consensus-node.md}):
 * <pre>
 * mvn -B -q -pl consensus -am -Pcluster-bench verify -DskipTests \
 *     -Dbench.args="--rate 2000 --duration-s 60 --block-interval-ms 250 --accounts 2000"
 * </pre>
 * Options: {@code --rate} transactions/s, {@code --duration-s}, {@code --warmup-s} (not measured, default 30: the JIT
 * compilers are still busy for the first minute or so),
 * {@code --block-interval-ms}, {@code --accounts}, {@code --batch} transactions per entry (default 500),
 * {@code --kill-leader-at-s} (kill the leader then, report the next final block), {@code --raw-s} (raw Ratis run,
 * default 10; 0 skips it), {@code --batch-delay-ms} (how long a node waits to fill a batch; the node default),
 * {@code --mempool-max} (the most pending transactions; past it nodes refuse submissions, which the benchmark counts
 * as overloads and sends again).
 *
 * <p>Latency is measured from the time a transaction was due to be sent (not when it was), so a backlog counts.
 */
public final class ClusterBenchmark {

    record Options(int rate, int durationS, int warmupS, long blockIntervalMs, int accounts, int batch,
            int killLeaderAtS, int rawS, long batchDelayMs, int mempoolMax) {

        static Options parse(String[] args) {
            int rate = 1_000;
            int durationS = 30;
            int warmupS = 30;
            long blockIntervalMs = 250;
            int accounts = 1_000;
            int batch = 500;
            int killLeaderAtS = -1;
            int rawS = 10;
            long batchDelayMs = BatchingSettings.DEFAULT.batchDelayMs();
            int mempoolMax = MempoolLimits.DEFAULT.transactionsMax();
            List<String> list = new ArrayList<>();
            for (String arg : args) {
                list.addAll(List.of(arg.trim().split("\\s+")));
            }
            list.removeIf(String::isEmpty);
            for (int i = 0; i < list.size(); i += 2) {
                String name = list.get(i);
                if (i + 1 >= list.size()) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                long value = Long.parseLong(list.get(i + 1));
                switch (name) {
                    case "--rate" -> rate = (int) value;
                    case "--duration-s" -> durationS = (int) value;
                    case "--warmup-s" -> warmupS = (int) value;
                    case "--block-interval-ms" -> blockIntervalMs = value;
                    case "--accounts" -> accounts = (int) value;
                    case "--batch" -> batch = (int) value;
                    case "--kill-leader-at-s" -> killLeaderAtS = (int) value;
                    case "--raw-s" -> rawS = (int) value;
                    case "--batch-delay-ms" -> batchDelayMs = value;
                    case "--mempool-max" -> mempoolMax = (int) value;
                    default -> throw new IllegalArgumentException("unknown option " + name + " (known: --rate, "
                            + "--duration-s, --warmup-s, --block-interval-ms, --accounts, --batch, "
                            + "--kill-leader-at-s, --raw-s, --batch-delay-ms, --mempool-max)");
                }
            }
            if (rate < 1 || durationS < 1 || warmupS < 0 || blockIntervalMs < 1 || accounts < 2 || batch < 1
                    || batchDelayMs < 0 || mempoolMax < 1) {
                throw new IllegalArgumentException("rate, duration, block interval, batch must be positive; "
                        + "at least 2 accounts; the batch delay must not be negative; the mempool must hold one");
            }
            return new Options(rate, durationS, warmupS, blockIntervalMs, accounts, batch, killLeaderAtS, rawS,
                    batchDelayMs, mempoolMax);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dir = Files.createTempDirectory("vellum-cluster-bench");
        try {
            new ClusterBenchmark().run(options, dir);
        } finally {
            deleteQuietly(dir);
        }
        System.exit(0); // Ratis leaves non-daemon timer threads behind
    }

    /** Transactions sent and not yet final, by hash, with when each was due (latency counts from then). */
    private final Map<Felt, Sent> unfinal = new ConcurrentHashMap<>();

    private record Sent(ExecutableTransaction transaction, long dueNs) {
    }
    private final Map<Long, Long> heightFinalNs = new ConcurrentHashMap<>();
    private final Histogram latencyUs = new Histogram(600_000_000L, 3);
    private final AtomicLong finalCount = new AtomicLong();
    private final AtomicLong measuredFinal = new AtomicLong();
    private final AtomicLong overloads = new AtomicLong();
    private volatile long measureFromNs = Long.MAX_VALUE;
    private long committerLagMax;
    private long proverLagMax;
    private volatile long measureToNs = Long.MAX_VALUE;

    private void run(Options options, Path dir) throws Exception {
        long totalSeconds = options.warmupS() + options.durationS();
        long total = (long) options.rate() * totalSeconds;
        log("cluster-bench: rate %d/s for %d s (+%d s warm-up), block interval %d ms, %d accounts, %d per batch, "
                + "batch delay %d ms, mempool at most %d", options.rate(), options.durationS(), options.warmupS(),
                options.blockIntervalMs(), options.accounts(), options.batch(), options.batchDelayMs(),
                options.mempoolMax());
        TestCluster.Options clusterOptions = new TestCluster.Options(3, options.accounts(), options.blockIntervalMs(),
                RatisSettings.DEFAULT, new BatchingSettings(options.batch(), options.batchDelayMs(), 200_000, 60_000),
                Map.of(), core -> core, true)
                .withMempool(new MempoolLimits(options.mempoolMax(), MempoolLimits.DEFAULT.transactionsPerAccountMax()));
        long setupStart = System.nanoTime();
        try (TestCluster cluster = TestCluster.start(clusterOptions, dir.resolve("cluster"), Stores::rocks, 42)) {
            log("genesis with %d accounts and 3 nodes up in %.1f s", options.accounts(),
                    (System.nanoTime() - setupStart) / 1e9);
            List<List<ExecutableTransaction>> perAccount = sign(cluster, options, total);
            ConsensusNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            List<ConsensusNode> entryNodes = options.killLeaderAtS() >= 0
                    ? cluster.nodes().stream().filter(n -> n != leader).toList() : cluster.nodes();
            for (ConsensusNode node : cluster.nodes()) {
                node.addListener(this::observe);
            }
            cluster.nodes().get(0).addListener(this::observeFirst);
            long[] sentPerAccount = new long[options.accounts()];
            Map<ContractAddress, Integer> accountIndex = new HashMap<>();
            for (int account = 0; account < options.accounts(); account++) {
                accountIndex.put(perAccount.get(account).get(0).transaction().nonceAddress(), account);
            }
            List<ArrayDeque<ExecutableTransaction>> backlog = new ArrayList<>();
            List<List<Felt>> backlogHashes = new ArrayList<>();
            for (int i = 0; i < entryNodes.size(); i++) {
                backlog.add(new ArrayDeque<>());
                backlogHashes.add(new ArrayList<>());
            }
            CpuSnapshot cpuAtStart = null;
            long finalAtStart = 0;
            long startNs = System.nanoTime();
            measureFromNs = startNs + TimeUnit.SECONDS.toNanos(options.warmupS());
            measureToNs = startNs + TimeUnit.SECONDS.toNanos(totalSeconds);
            long nextProgressNs = startNs + TimeUnit.SECONDS.toNanos(5);
            long lastProgressFinal = 0;
            long lastProgressNs = startNs;
            long killedAtNs = -1;
            long sent = 0;
            while (sent < total) {
                long now = System.nanoTime();
                if (cpuAtStart == null && now >= measureFromNs) {
                    cpuAtStart = CpuSnapshot.take();
                    finalAtStart = finalCount.get();
                }
                long due = Math.min(total, (now - startNs) * options.rate() / 1_000_000_000L);
                for (; sent < due; sent++) {
                    int account = (int) (sent % options.accounts());
                    ExecutableTransaction transaction = perAccount.get(account).get((int) sentPerAccount[account]++);
                    unfinal.put(transaction.hash(), new Sent(transaction, startNs + sent * 1_000_000_000L
                            / options.rate()));
                    backlog.get(account % entryNodes.size()).add(transaction);
                }
                List<ExecutableTransaction> dueAgain = new ArrayList<>();
                while (!resend.isEmpty() && resend.peek().notBeforeNs() <= now) {
                    dueAgain.add(resend.poll().transaction());
                }
                for (int i = dueAgain.size() - 1; i >= 0; i--) { // ahead of the queue, in the order they were dropped
                    ExecutableTransaction again = dueAgain.get(i);
                    int account = accountIndex.getOrDefault(again.transaction().nonceAddress(), 0);
                    backlog.get(account % entryNodes.size()).addFirst(again); // it unblocks the account's later ones
                    resent.incrementAndGet();
                }
                for (int n = 0; n < entryNodes.size(); n++) {
                    ArrayDeque<ExecutableTransaction> queue = backlog.get(n);
                    if (queue.isEmpty()) {
                        continue;
                    }
                    // At most a batch's worth per call: a node refuses a call whole when it does not fit, so a
                    // client that sent its whole backlog at once would never get in again once it grew.
                    List<ExecutableTransaction> chunk = new ArrayList<>(Math.min(queue.size(), options.batch()));
                    for (ExecutableTransaction transaction : queue) {
                        if (chunk.size() == options.batch()) {
                            break;
                        }
                        chunk.add(transaction);
                    }
                    try {
                        entryNodes.get(n).submit(chunk);
                        for (int i = 0; i < chunk.size(); i++) {
                            queue.poll();
                        }
                    } catch (OverloadedException full) {
                        overloads.incrementAndGet(); // kept: sent again on the next round, latency counts from due
                    } catch (NodeStateException closed) {
                        queue.clear();
                    }
                }
                if (options.killLeaderAtS() >= 0 && killedAtNs < 0
                        && now - startNs >= TimeUnit.SECONDS.toNanos(options.killLeaderAtS())) {
                    killedAtNs = System.nanoTime();
                    ConsensusNode current = cluster.awaitLeader(Duration.ofSeconds(10));
                    log("killing the leader %s at height %d", current.id(), current.finalHeight());
                    long heightAtKill = cluster.nodes().stream().mapToLong(ConsensusNode::finalHeight).max()
                            .orElse(0);
                    Thread killer = new Thread(() -> cluster.kill(current), "bench-kill");
                    killer.start();
                    reportNextFinal(heightAtKill, killedAtNs);
                }
                if (now >= nextProgressNs) {
                    long finals = finalCount.get();
                    progress(cluster, now - startNs, sent, finals, (finals - lastProgressFinal) * 1e9
                            / (now - lastProgressNs));
                    lastProgressFinal = finals;
                    lastProgressNs = now;
                    nextProgressNs += TimeUnit.SECONDS.toNanos(5);
                }
                Thread.sleep(5);
            }
            long sendingEndNs = System.nanoTime();
            CpuSnapshot cpuAtEnd = CpuSnapshot.take();
            long finalAtEnd = finalCount.get();
            long drainUntil = sendingEndNs + TimeUnit.SECONDS.toNanos(30);
            while (!unfinal.isEmpty() && System.nanoTime() < drainUntil) {
                Thread.sleep(50);
            }
            report(cluster, options, sendingEndNs - measureFromNs);
            if (cpuAtStart != null) {
                reportCpu(cpuAtStart, cpuAtEnd, (sendingEndNs - measureFromNs) / 1e9, finalAtEnd - finalAtStart);
            }
            if (options.rawS() > 0) {
                rawRatis(cluster, options, dir, perAccount);
            }
        }
    }

    private List<List<ExecutableTransaction>> sign(TestCluster cluster, Options options, long total)
            throws InterruptedException {
        long start = System.nanoTime();
        int perAccount = (int) ((total + options.accounts() - 1) / options.accounts());
        List<List<ExecutableTransaction>> out = new ArrayList<>();
        for (int i = 0; i < options.accounts(); i++) {
            out.add(null);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                Transfers transfers = new Transfers(cluster.chain, 1_000 + first);
                for (int account = first; account < options.accounts(); account += threads) {
                    List<ExecutableTransaction> mine = transfers.from(List.of(account), perAccount);
                    synchronized (out) {
                        out.set(account, mine);
                    }
                }
            }, "bench-sign");
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        log("signed %d transfers in %.1f s", (long) perAccount * options.accounts(), (System.nanoTime() - start) / 1e9);
        return out;
    }

    private final Map<String, AtomicLong> ignoredReasons = new ConcurrentHashMap<>();
    /**
     * Dropped as MEMPOOL_FULL (seen on the first node): sent again by the main loop a second later, ahead of the
     * node's queue, as a client that backs off would (sending them again at once flooded the log with transactions
     * every node decodes and drops again).
     */
    private final Queue<Resend> resend = new ConcurrentLinkedQueue<>();

    private record Resend(ExecutableTransaction transaction, long notBeforeNs) {
    }

    private final AtomicLong resent = new AtomicLong();

    private void observeFirst(Notification notification) {
        if (notification instanceof Notification.TransactionDropped dropped
                && dropped.admission() == Admission.MEMPOOL_FULL) {
            Sent sent = unfinal.get(dropped.hash());
            if (sent != null) {
                resend.add(new Resend(sent.transaction(), System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
            }
        }
    }

    private void observe(Notification notification) {
        if (notification instanceof Notification.ProposalIgnored ignored) {
            String reason = ignored.reason().replaceAll("[0-9a-fx]{6,}|\\d+", "#");
            ignoredReasons.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        }
        if (notification instanceof Notification.BlockFinalized block) {
            long now = System.nanoTime();
            heightFinalNs.putIfAbsent(block.height(), now);
            Stream.concat(block.included().stream(), block.rejected().keySet().stream()).forEach(hash -> {
                Sent sent = unfinal.remove(hash);
                if (sent != null) {
                    long due = sent.dueNs();
                    finalCount.incrementAndGet();
                    if (due >= measureFromNs && due < measureToNs) {
                        measuredFinal.incrementAndGet();
                        synchronized (latencyUs) {
                            latencyUs.recordValue(Math.max(0, (now - due) / 1_000));
                        }
                    }
                }
            });
        }
    }

    private void reportNextFinal(long heightAtKill, long killedAtNs) {
        Thread watcher = new Thread(() -> {
            long deadline = killedAtNs + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Long at = heightFinalNs.get(heightAtKill + 1);
                if (at != null && at > killedAtNs) {
                    log("leader killed: next final block (height %d) after %d ms", heightAtKill + 1,
                            (at - killedAtNs) / 1_000_000);
                    return;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            log("leader killed: no final block within 30 s");
        }, "bench-kill-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void progress(TestCluster cluster, long elapsedNs, long sent, long finals, double finalPerSecond) {
        ConsensusNode any = cluster.nodes().get(0);
        long pending = any.read(SequencerCore::pendingCount).orElse(0);
        double p50;
        double p99;
        synchronized (latencyUs) {
            p50 = latencyUs.getValueAtPercentile(50) / 1000.0;
            p99 = latencyUs.getValueAtPercentile(99) / 1000.0;
        }
        long committerLag = 0;
        long proverLag = 0;
        for (ConsensusNode node : cluster.nodes()) {
            SequencerNode whole = cluster.sequencer(node);
            committerLag = Math.max(committerLag, whole.committer().lagBlocks());
            proverLag = Math.max(proverLag, whole.proverQueue().status().lagBlocks());
        }
        committerLagMax = Math.max(committerLagMax, committerLag);
        proverLagMax = Math.max(proverLagMax, proverLag);
        log("t=%3ds sent %d, final %d (%.0f/s last 5 s), pending %d, height %d, submit->final p50 %.0f ms p99 %.0f ms"
                + " (measured so far), overloads %d, lag (blocks, worst node): committer %d, prover %d",
                elapsedNs / 1_000_000_000L, sent, finals, finalPerSecond, pending, any.finalHeight(), p50, p99,
                overloads.get(), committerLag, proverLag);
    }

    private void report(TestCluster cluster, Options options, long measuredNs) {
        double seconds = measuredNs / 1e9;
        log("---- results ----");
        for (ConsensusNode node : cluster.nodes()) {
            SequencerNode whole = cluster.sequencer(node);
            log("%s: height %d, committer lag %d blocks, prover lag %d blocks (queue %s)", node.id(),
                    node.finalHeight(), whole.committer().lagBlocks(), whole.proverQueue().status().lagBlocks(),
                    whole.proverQueue().status());
        }
        log("worst lag seen at the 5 s progress lines: committer %d blocks, prover %d blocks", committerLagMax,
                proverLagMax);
        log("final transactions/s (due in the measured %.0f s window): %.0f", seconds, measuredFinal.get() / seconds);
        synchronized (latencyUs) {
            log("submit->final: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (%d transactions)",
                    latencyUs.getValueAtPercentile(50) / 1000.0, latencyUs.getValueAtPercentile(90) / 1000.0,
                    latencyUs.getValueAtPercentile(99) / 1000.0, latencyUs.getMaxValue() / 1000.0,
                    latencyUs.getTotalCount());
        }
        log("not final 30 s after the last send: %d", unfinal.size());
        List<Long> heights = heightFinalNs.keySet().stream().sorted().toList();
        Histogram blockTimeMs = new Histogram(3_600_000L, 3);
        for (int i = 1; i < heights.size(); i++) {
            Long previous = heightFinalNs.get(heights.get(i - 1));
            Long current = heightFinalNs.get(heights.get(i));
            if (heights.get(i) == heights.get(i - 1) + 1 && current >= previous) {
                blockTimeMs.recordValue((current - previous) / 1_000_000);
            }
        }
        log("blocks: %d final, block time p50 %d ms, p99 %d ms, mean %.0f transactions per block", heights.size(),
                blockTimeMs.getValueAtPercentile(50), blockTimeMs.getValueAtPercentile(99),
                heights.isEmpty() ? 0.0 : (double) finalCount.get() / heights.size());
        log("overloaded submissions (retried): %d; transactions dropped as MEMPOOL_FULL and sent again: %d",
                overloads.get(), resent.get());
        double batches = cluster.meters.find("vellum.batches.submitted").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        double batched = cluster.meters.find("vellum.transactions.submitted").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        log("batches (log entries of transactions): %.0f, %.1f transactions each on average", batches,
                batches == 0 ? 0.0 : batched / batches);
        for (String name : List.of("vellum.proposal.reexecution", "vellum.block.build", "vellum.finality.proposal")) {
            cluster.meters.find(name).timers().stream().sorted(Comparator.comparing(t -> t.getId().getTag("node")))
                    .forEach(timer -> log("%s{node=%s}: count %d, mean %.1f ms, max %.1f ms", name,
                            timer.getId().getTag("node"), timer.count(), timer.mean(TimeUnit.MILLISECONDS),
                            timer.max(TimeUnit.MILLISECONDS)));
        }
        cluster.meters.find("vellum.proposals").counters().stream()
                .filter(counter -> "n0".equals(counter.getId().getTag("node")) || cluster.node(0) == null)
                .forEach(counter -> log("vellum.proposals{outcome=%s} seen by %s: %.0f",
                        counter.getId().getTag("outcome"), counter.getId().getTag("node"), counter.count()));
        ignoredReasons.forEach((reason, count) -> log("proposals ignored (all nodes): %d x %s", count.get(), reason));
        cluster.meters.find("vellum.leader.changes").counters().forEach(counter ->
                log("vellum.leader.changes{node=%s}: %.0f", counter.getId().getTag("node"), counter.count()));
    }

    /**
     * CPU used by the whole JVM and by each group of threads (named as the JVM names them, digits and hex ids
     * folded) over the measured window (warm-up excluded, drain excluded), per transfer made final in it: the cost
     * of a final transfer, and the throughput ceiling it implies on this machine's cores. Meaningful when the
     * cluster keeps up (final rate = offered rate); with a backlog, blocks grow and the figure moves.
     */
    private void reportCpu(CpuSnapshot start, CpuSnapshot end, double wallSeconds, long finals) {
        double processMs = (end.processNs() - start.processNs()) / 1e6;
        int cores = Runtime.getRuntime().availableProcessors();
        log("CPU in the measured window (%.0f s, %d cores): %.0f ms, %.2f cores busy on average; %.2f ms per "
                + "transfer made final in it (%d) -> at most %.0f final transfers/s on %d cores at this cost",
                wallSeconds, cores, processMs, processMs / 1e3 / wallSeconds, finals == 0 ? 0.0 : processMs / finals,
                finals, finals == 0 ? 0.0 : cores * 1e3 / (processMs / finals), cores);
        log("  of which the JIT compilers (wall time compiling, on their own threads): %d ms; garbage collection "
                + "(time collecting, all collectors): %d ms", end.jitMs() - start.jitMs(), end.gcMs() - start.gcMs());
        Map<String, Long> groups = new HashMap<>();
        end.threadNs().forEach((id, ns) -> {
            long used = ns - start.threadNs().getOrDefault(id, 0L);
            groups.merge(end.threadGroup().get(id), used, Long::sum);
        });
        long threadsNs = groups.values().stream().mapToLong(Long::longValue).sum();
        groups.put("(threads the JVM does not list: JIT compilers, GC, JVM internals)",
                Math.max(0, end.processNs() - start.processNs() - threadsNs));
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(group -> log("  CPU %5.1f %% %8.3f ms per final transfer  %s",
                        100.0 * group.getValue() / 1e6 / processMs,
                        finals == 0 ? 0.0 : group.getValue() / 1e6 / finals, group.getKey()));
    }

    /** Process CPU time and the CPU time of each live thread, with its group name. */
    private record CpuSnapshot(long processNs, Map<Long, Long> threadNs, Map<Long, String> threadGroup, long jitMs,
            long gcMs) {

        static CpuSnapshot take() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpu = new HashMap<>();
            Map<Long, String> group = new HashMap<>();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long ns = threads.getThreadCpuTime(info.getThreadId());
                if (ns >= 0) {
                    cpu.put(info.getThreadId(), ns);
                    group.put(info.getThreadId(), info.getThreadName()
                            .replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "<id>")
                            .replaceAll("\\d+", "#"));
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(bean -> Math.max(0, bean.getCollectionTime())).sum();
            return new CpuSnapshot(process, cpu, group, ManagementFactory.getCompilationMXBean()
                    .getTotalCompilationTime(), gc);
        }
    }

    private void rawRatis(TestCluster cluster, Options options, Path dir, List<List<ExecutableTransaction>> signed)
            throws IOException, InterruptedException {
        double batches = cluster.meters.find("vellum.batches.submitted").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        double transactions = cluster.meters.find("vellum.transactions.submitted").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        int perEntry = (int) Math.max(1, Math.round(transactions / Math.max(1, batches)));
        List<ExecutableTransaction> sample = new ArrayList<>();
        for (int i = 0; sample.size() < perEntry; i++) {
            sample.add(signed.get(i % signed.size()).get(i / signed.size()));
        }
        EntryCodec codec = new EntryCodec(cluster.core.chainId());
        int batchBytes = codec.encode(new TransactionBatch(TestCluster.idOf(0), sample)).length;
        int oneBytes = codec.encode(new TransactionBatch(TestCluster.idOf(0), sample.subList(0, 1))).length;
        cluster.close(); // free the CPU for the raw run
        LoopbackPorts ports = new LoopbackPorts(4242);
        RawRatisBenchmark.Result batched = RawRatisBenchmark.run(dir.resolve("raw-batch"), ports, batchBytes, 16,
                options.rawS());
        log("raw Ratis, entries of %d bytes (a batch of %d transfers as submitted in the run): %.0f entries/s = "
                + "%.0f transfers/s, p50 %.1f ms, p99 %.1f ms", batchBytes, perEntry, batched.entriesPerSecond(),
                batched.entriesPerSecond() * perEntry, batched.p50Ms(), batched.p99Ms());
        RawRatisBenchmark.Result single = RawRatisBenchmark.run(dir.resolve("raw-single"), ports, oneBytes, 64,
                options.rawS());
        log("raw Ratis, entries of %d bytes (one transfer each): %.0f entries/s, p50 %.1f ms, p99 %.1f ms",
                oneBytes, single.entriesPerSecond(), single.p50Ms(), single.p99Ms());
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
