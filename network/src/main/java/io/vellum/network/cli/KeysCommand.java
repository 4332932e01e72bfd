package io.vellum.network.cli;

import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.network.config.KeyFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vellum keys}: Stark-curve key pairs for nodes and accounts. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Make Stark-curve key pairs.",
        subcommands = {KeysCommand.New.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: new");
    }

    /** {@code vellum keys new [--out FILE]}. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Draw a fresh key pair (SecureRandom) and print it, or write it to a file readable by its "
                    + "owner only (the file a node's key_file names).",
                    "Also prints the address of the account this key would own in a genesis file."})
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE",
                description = "write the key pair to FILE (never overwrites) instead of printing the private key")
        Optional<Path> out;

        @Override
        public Integer call() {
            KeyFile key = KeyFile.generate(new SecureRandom());
            var printer = spec.commandLine().getOut();
            if (out.isPresent()) {
                key.write(out.get());
                printer.println("wrote " + out.get());
                printer.println("public_key: \"" + key.publicKey().toHex() + "\"");
            } else {
                printer.print(key.toYaml());
            }
            printer.println("# account address for this key: "
                    + GenesisAccounts.accountAddress(key.publicKey()).value().toHex());
            printer.flush();
            return 0;
        }
    }
}
