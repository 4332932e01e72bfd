package io.vellum.network.cli;

import io.vellum.network.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vellum} command. Exit codes: 0 success; 1 a failure while running (a node unreachable, a process that
 * did not start); 2 bad input the user must fix (an unknown option, a bad argument, an unusable configuration
 * file).
 */
@Command(name = "vellum", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Vellum: a decentralized sequencer testbed for a Starknet-style rollup.",
        footer = {"", "Through ./vellum also: 'sim' and 'demo' (the simulations module's command line).",
                "Every command and configuration key: docs/operations.md."},
        subcommands = {NodeCommand.class, KeysCommand.class, ClientCommand.class, ClusterCommand.class,
                AdminCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a failure while running. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of bad input: arguments or files the user must fix. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/vellum/network/cli/logback-cli.xml");
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with these streams and returns its exit code (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** The command line with Vellum's error handling. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (error instanceof ConfigException) {
                err.println("vellum: " + error.getMessage());
                return EXIT_USAGE;
            }
            if (error instanceof CliException cli) {
                err.println("vellum: " + cli.getMessage());
                return cli.exitCode();
            }
            err.println("vellum: " + error);
            error.printStackTrace(err);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (node, keys, client, "
                + "cluster, admin; --help lists them)");
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"vellum " + (version == null ? "(development build)" : version)};
        }
    }
}
