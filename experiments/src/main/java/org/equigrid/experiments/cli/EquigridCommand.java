package org.equigrid.experiments.cli;

import org.apache.logging.log4j.LogManager;
import org.equigrid.config.ScenarioException;
import org.equigrid.experiments.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code equigrid} command line. Exit codes: 0 success, 2 bad input (the message names the
 * file, field, value and what is allowed), 1 internal error.
 */
@Command(
    name = "equigrid",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Equity-aware peer-to-peer energy trading in community microgrids.",
    subcommands = {
      RunCommand.class, ClearCommand.class, ReportCommand.class, GameCommand.class, TraceCommand.class,
      PlatformCommand.class, ReproduceCommand.class, SweepCommand.class, TrainCommand.class,
      EvaluateCommand.class, StudyCommand.class, BenchCommand.class
    })
public final class EquigridCommand implements Runnable {

  /** Exit code for bad input: a scenario, game or option that does not validate. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for an internal error. */
  public static final int EXIT_INTERNAL_ERROR = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The configured command line (exception handling and exit codes), for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new EquigridCommand());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof ScenarioException || exception instanceof BadInputException) {
            cmd.getErr().println(exception.getMessage());
            return EXIT_BAD_INPUT;
          }
          LogManager.getLogger(EquigridCommand.class).error("Internal error", exception);
          cmd.getErr().println("equigrid: internal error: " + exception);
          return EXIT_INTERNAL_ERROR;
        });
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
