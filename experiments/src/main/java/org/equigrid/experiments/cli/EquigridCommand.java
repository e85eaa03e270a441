package org.equigrid.experiments.cli;

import org.apache.logging.log4j.LogManager;
import org.equigrid.agents.household.SolveLimit;
import org.equigrid.config.ScenarioException;
import org.equigrid.experiments.bench.BenchCommand;
import org.equigrid.experiments.serve.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code equigrid} command line. Exit codes: 0 success, 2 bad input (the message names the
 * file, field, value and what is allowed; an output folder that cannot be written; a model too
 * large for the heap), 1 internal error.
 */
@Command(
    name = "equigrid",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Equity-aware peer-to-peer energy trading in community microgrids.",
    subcommands = {
      RunCommand.class,
      ClearCommand.class,
      ReportCommand.class,
      GameCommand.class,
      TraceCommand.class,
      PlatformCommand.class,
      ReproduceCommand.class,
      SweepCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      StudyCommand.class,
      BenchCommand.class,
      KeysCommand.class,
      ServeCommand.class
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
          String io = fileSystemProblem(exception);
          if (io != null) { // a full disk or a folder made read-only during the run: not our bug
            cmd.getErr().println("equigrid: a file cannot be written or read: " + io);
            return EXIT_BAD_INPUT;
          }
          LogManager.getLogger(EquigridCommand.class).error("Internal error", exception);
          cmd.getErr().println("equigrid: internal error: " + exception);
          return EXIT_INTERNAL_ERROR;
        });
    return commandLine;
  }

  /**
   * Runs the command line on {@code args}; an OutOfMemoryError (an Error, which picocli does not
   * hand to the exception handler) becomes exit 2 with the heap and how to give more. A bad value
   * of a JVM property the product reads ({@link SolveLimit}) is exit 2 before anything runs.
   */
  public static int execute(CommandLine commandLine, String... args) {
    String property = SolveLimit.problem();
    if (property != null) {
      commandLine.getErr().println("equigrid: " + property);
      commandLine.getErr().flush();
      return EXIT_BAD_INPUT;
    }
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      commandLine.getErr().println(ModelSize.outOfMemory());
      commandLine.getErr().flush();
      return EXIT_BAD_INPUT;
    }
  }

  /** The reason when {@code exception} comes from a file system refusing a write, else null. */
  static String fileSystemProblem(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof java.nio.file.FileSystemException fs) {
        return fs.getFile() + ": " + OutputFolder.reason(fs);
      }
      if (t instanceof java.io.IOException e
          && OutputFolder.reason(e).startsWith(OutputFolder.NO_SPACE)) {
        return OutputFolder.reason(e);
      }
    }
    return null;
  }

  public static void main(String[] args) {
    System.exit(execute(commandLine(), args));
  }
}
