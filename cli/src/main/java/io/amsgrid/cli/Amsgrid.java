package io.amsgrid.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./amsgrid}: the one command line of amsgrid. Each subcommand lives in its own class;
 * add new ones to {@code subcommands} below.
 */
@Command(name = "amsgrid",
        mixinStandardHelpOptions = true,
        version = "amsgrid 0.1.0",
        description = "Smart meter HAN data from the meter's port to the cloud, for a fleet of meters.",
        subcommands = {
                CommandLine.HelpCommand.class,
                CdkCommand.class,
                DecodeCommand.class,
                AnalyzeCommand.class,
                LocalCommand.class,
                BenchCommand.class,
                GatewayCommand.class,
                io.amsgrid.cli.fleet.FleetCommand.class,
                io.amsgrid.cli.fleet.DataCommand.class,
        })
public final class Amsgrid implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Amsgrid());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }
}
