package io.vellum.blockifier.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Compares two builds of the blockifier in one JVM, alternating between them, so that a shared, noisy machine
 * affects both alike (a JMH run of each, one after the other, does not guarantee that).
 *
 * <p>Each build's classes ({@code io.vellum.*}: the build's main classes, then this directory's test classes) are
 * loaded by a class loader of their own, child-first, so the same workload class runs against each build's code
 * and the JIT compiles each separately. A workload is a {@link LongSupplier} with a public no-argument constructor
 * that does its setup; each call runs one invocation and returns how many operations it did. The harness warms
 * both up, then runs rounds; in each round both builds run for the same time, in alternating order (ABBA), and it
 * prints operations per second per round, the medians, and the median of the per-round ratios.
 *
 * <p>Workloads: {@link TrieWorkload} (leaf updates into a 1M-leaf trie, batches of 1,000, one thread) and
 * {@link StateCommitmentWorkload} (one 1,000-transfer block, one thread), which reuse the JMH benchmarks' setups.
 *
 * <p>Run (the "before" build is a jar or classes directory of an earlier commit, e.g. built from
 * {@code git archive <commit> | tar -x -C /tmp/base; cd /tmp/base; mvn -q -pl blockifier -am package -DskipTests}):
 * <pre>
 * mvn -q -pl blockifier test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx10g -XX:+UseParallelGC -cp blockifier/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.vellum.blockifier.bench.BeforeAfter /tmp/base/blockifier/target/vellum-blockifier-0.1.0-SNAPSHOT.jar \
 *     blockifier/target/classes TrieWorkload 9 10
 * </pre>
 * Arguments: the "before" build, the "after" build, the workload (simple name in this package), rounds, seconds
 * per build per round.
 */
public final class BeforeAfter {
    private static final int WARMUP_ROUNDS = 2;

    private BeforeAfter() {
    }

    public static void main(String[] arguments) throws ReflectiveOperationException {
        if (arguments.length != 5) {
            System.err.println("usage: BeforeAfter <before build> <after build> <workload> <rounds> <seconds>");
            System.exit(2);
        }
        File testClasses = codeLocation();
        String workload = BeforeAfter.class.getPackageName() + "." + arguments[2];
        int rounds = Integer.parseInt(arguments[3]);
        long nanosPerRound = Long.parseLong(arguments[4]) * 1_000_000_000L;
        String[] names = {"before", "after"};
        LongSupplier[] sides = new LongSupplier[2];
        for (int side = 0; side < 2; side++) {
            long started = System.nanoTime();
            ClassLoader loader = new BuildLoader(new File(arguments[side]), testClasses);
            sides[side] = (LongSupplier) loader.loadClass(workload).getConstructor().newInstance();
            System.out.printf("%s: %s set up in %.1f s%n", names[side], arguments[side],
                    (System.nanoTime() - started) / 1e9);
        }
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (LongSupplier side : sides) {
                run(side, nanosPerRound);
            }
        }
        double[][] rates = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            int firstSide = round % 2; // ABBA: alternate which build goes first
            for (int k = 0; k < 2; k++) {
                int side = (firstSide + k) % 2;
                rates[side][round] = run(sides[side], nanosPerRound);
            }
            ratios[round] = rates[1][round] / rates[0][round];
            System.out.printf("round %d: before %,.1f/s  after %,.1f/s  ratio %.2f%n", round + 1, rates[0][round],
                    rates[1][round], ratios[round]);
        }
        System.out.printf("median: before %,.1f/s  after %,.1f/s  (ratio of medians %.2f, median ratio %.2f; "
                        + "before range %,.1f–%,.1f, after range %,.1f–%,.1f)%n",
                median(rates[0]), median(rates[1]), median(rates[1]) / median(rates[0]), median(ratios),
                min(rates[0]), max(rates[0]), min(rates[1]), max(rates[1]));
        System.exit(0); // workloads may hold thread pools
    }

    /** Operations per second over at least {@code nanos} of invocations, after a collection. */
    private static double run(LongSupplier side, long nanos) {
        System.gc();
        long operations = 0;
        long started = System.nanoTime();
        long elapsed;
        do {
            operations += side.getAsLong();
            elapsed = System.nanoTime() - started;
        } while (elapsed < nanos);
        return operations * 1e9 / elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static File codeLocation() {
        try {
            return new File(BeforeAfter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads {@code io.vellum.*} classes itself, from one build's main classes and then the test classes (so the
     * workloads and their helpers link against that build); everything else comes from the parent.
     */
    private static final class BuildLoader extends URLClassLoader {
        BuildLoader(File build, File testClasses) {
            super(urls(build, testClasses), BeforeAfter.class.getClassLoader());
        }

        private static URL[] urls(File... locations) {
            List<URL> urls = new ArrayList<>();
            for (File location : locations) {
                if (!location.exists()) {
                    throw new UncheckedIOException(new IOException("no such build: " + location));
                }
                try {
                    urls.add(location.toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return urls.toArray(new URL[0]);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.vellum.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
