package io.vellum.simulations;

import java.io.PrintWriter;
import io.vellum.simulations.scenario.RateSpec;
import io.vellum.simulations.run.RunOutcome;
import io.vellum.simulations.run.ScenarioRunner;
import io.vellum.simulations.scenario.ClusterSpec;
import io.vellum.simulations.scenario.FaultGenerator;
import io.vellum.simulations.scenario.FaultSpec;
import io.vellum.simulations.scenario.GeneratorSpec;
import io.vellum.simulations.scenario.Scenario;
import io.vellum.simulations.scenario.ScenarioException;
import io.vellum.simulations.scenario.ScenarioLibrary;
import io.vellum.simulations.scenario.ScenarioLoader;
import io.vellum.simulations.scenario.WorkloadSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The simulator's command line: {@code run}, {@code generate}, {@code list} and {@code demo}. Exit status 0: the run
 * was valid; 1: a checker failed (or a fault could not be injected); 2: bad usage or a bad scenario file; 3: the run
 * itself failed (the cluster could not start, an I/O error).
 *
 * <p>The command prefix printed in replay lines is {@code ./vellum sim}; a launcher may set another with the system
 * property {@code vellum.sim.command}.
 */
@Command(name = "vellum-sim", mixinStandardHelpOptions = true,
        description = "Vellum simulations: scenario runs with fault injection, invariant checks and reports.",
        subcommands = {Main.Run.class, Main.Generate.class, Main.ListScenarios.class, Main.Demo.class})
public final class Main implements Callable<Integer> {
    static final int INVALID = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    public static void main(String[] args) {
        int status = execute(args, System.out, System.err);
        System.exit(status); // Ratis leaves non-daemon timer threads behind
    }

    /** Runs the command line and returns its exit status (without exiting: for tests). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ScenarioException || e instanceof UnsupportedOperationException
                    || e instanceof IllegalArgumentException) {
                err.println("vellum-sim: " + e.getMessage());
                return USAGE;
            }
            err.println("vellum-sim: the run failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        return commandLine.execute(args);
    }

    static String commandPrefix() {
        return System.getProperty("vellum.sim.command", "./vellum sim");
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return USAGE;
    }

    @Command(name = "run", description = "Runs a scenario (a YAML file, or a library name: see list).")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", description = "the scenario file or library name")
        String scenario;

        @Option(names = "--seed", description = "the seed (default: the scenario's, else random; always printed)")
        Long seed;

        @Option(names = "--out", description = "the run directory (default: under target/simulations/ or a "
                + "temporary directory)")
        Path out;

        @Option(names = "--duration-s", description = "overrides the workload duration (the fault schedule is scaled in proportion)")
        Integer durationS;

        @Override
        public Integer call() throws Exception {
            Scenario loaded = new ScenarioLibrary().load(scenario);
            RunOutcome outcome = new ScenarioRunner().run(loaded, new ScenarioRunner.Options(out, seed, durationS,
                    scenario, commandPrefix(), System.err));
            System.out.println(outcome.report().toAbsolutePath());
            return outcome.valid() ? 0 : INVALID;
        }
    }

    @Command(name = "generate", description = "Writes a scenario whose fault schedule is drawn from the seed.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--seed", required = true, description = "the seed of the fault schedule")
        long seed;

        @Option(names = "--nodes", defaultValue = "3", description = "cluster size (default ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--faults", defaultValue = "4", description = "how many faults (default ${DEFAULT-VALUE})")
        int faults;

        @Option(names = "--duration-s", defaultValue = "60", description = "workload duration (default "
                + "${DEFAULT-VALUE})")
        int durationS;

        @Option(names = "--rate", defaultValue = "100", description = "transfers per second (default "
                + "${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--kinds", split = ",", description = "fault kinds to draw from (default: crash, restart, "
                + "isolate, partition, delay, loss, prover-stall, clock-skew)")
        List<String> kinds;

        @Option(names = "--out", description = "write the scenario here instead of to standard output")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<String> names = kinds != null ? kinds : List.of("crash", "restart", "isolate", "partition", "delay",
                    "loss", "prover-stall", "clock-skew");
            List<FaultSpec.Kind> parsed = names.stream().map(Generate::kind).toList();
            ClusterSpec cluster = new ClusterSpec(nodes, null, null, null, null, null, null);
            Scenario scenario = new Scenario("generated-" + seed, "Faults drawn from seed " + seed + " by "
                    + "vellum-sim generate.", seed, durationS, cluster, List.of(new WorkloadSpec(
                    WorkloadSpec.Kind.TRANSFERS, 200, new RateSpec(rate, null, null),
                    null, null, null, null)), List.of(), new GeneratorSpec(faults, parsed, null, null, null), null);
            String yaml = new ScenarioLoader().write(FaultGenerator.expand(scenario, seed));
            if (out != null) {
                Files.writeString(out, yaml);
                System.err.println("wrote " + out.toAbsolutePath() + "; run it with: " + commandPrefix() + " run "
                        + out);
            } else {
                System.out.print(yaml);
            }
            return 0;
        }

        private static FaultSpec.Kind kind(String name) {
            for (FaultSpec.Kind kind : FaultSpec.Kind.values()) {
                if (kind.key().equals(name.trim())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("--kinds: unknown fault kind " + name);
        }
    }

    @Command(name = "list", description = "Lists the library scenarios.")
    static final class ListScenarios implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            ScenarioLibrary library = new ScenarioLibrary();
            for (String name : ScenarioLibrary.NAMES) {
                Scenario scenario = library.load(name);
                System.out.printf("%-20s %3d s, %d nodes  %s%n", name, scenario.durationS(),
                        scenario.cluster().nodes(), scenario.description().lines().findFirst().orElse(""));
            }
            return 0;
        }
    }

    @Command(name = "demo", description = "The quickstart: 3 nodes, transfers, the leader killed halfway, about a "
            + "minute; prints the path of its report.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--seed", description = "the seed (default: the quickstart's)")
        Long seed;

        @Option(names = "--out", description = "the run directory")
        Path out;

        @Override
        public Integer call() throws Exception {
            Scenario quickstart = new ScenarioLibrary().load("quickstart");
            RunOutcome outcome = new ScenarioRunner().run(quickstart, new ScenarioRunner.Options(out, seed, null,
                    "quickstart", commandPrefix(), System.err));
            System.out.println(outcome.report().toAbsolutePath());
            return outcome.valid() ? 0 : INVALID;
        }
    }
}
