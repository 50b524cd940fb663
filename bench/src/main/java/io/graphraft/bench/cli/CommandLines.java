package io.graphraft.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * How every command of benchmarks.jar answers a mistake or a failure, through picocli's own handlers and
 * exit codes: a user's mistake (a bad option value, a missing argument, a folder that is not a run) prints
 * one line naming what was wrong and exits {@value CommandLine.ExitCode#USAGE}; a failure while running
 * prints its stack trace and one closing line, and exits {@value CommandLine.ExitCode#SOFTWARE}.
 * A command refuses a value its options' types cannot check by throwing {@link ParameterException}.
 */
public final class CommandLines {
    private CommandLines() {
    }

    /** A command line for {@code command} with the lab's error handling. */
    public static CommandLine of(Object command) {
        return new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(ONE_LINE)
                .setExecutionExceptionHandler(STACK_TRACE_AND_SUMMARY);
    }

    /** Prints {@code benchmarks.jar <command>: <what was wrong> (see --help)}. */
    private static final IParameterExceptionHandler ONE_LINE = (ParameterException e, String[] args) -> {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(prefix(command) + e.getMessage() + " (see --help)");
        err.flush();
        return command.getExitCodeExceptionMapper() != null
                ? command.getExitCodeExceptionMapper().getExitCode(e)
                : command.getCommandSpec().exitCodeOnInvalidInput();
    };

    private static final IExecutionExceptionHandler STACK_TRACE_AND_SUMMARY = (Exception e, CommandLine command,
                                                                              ParseResult parsed) -> {
        PrintWriter err = command.getErr();
        e.printStackTrace(err);
        err.println(prefix(command) + "failed: " + e);
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    };

    private static String prefix(CommandLine command) {
        String name = command.getCommandName();
        return name.equals(SuiteCommand.NAME) ? name + ": " : SuiteCommand.NAME + " " + name + ": ";
    }
}
