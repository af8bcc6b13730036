package io.amsgrid.cli;

import picocli.CommandLine;

/**
 * Turns an exception out of a subcommand into one line on stderr and exit code 1: a stack trace is
 * never the user interface. Set {@code AMSGRID_DEBUG=1} to see the trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        cl.getErr().println("amsgrid " + cl.getCommandName() + ": " + describe(e));
        if (System.getenv("AMSGRID_DEBUG") != null) {
            e.printStackTrace(cl.getErr());
        }
        return 1;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
