package org.equigrid.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.equigrid.agents.protocol.TraceSummary;
import org.equigrid.agents.protocol.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code equigrid trace}: read the message trace of an agent run. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = "Read the message trace (trace.jsonl) of a run made with --agents.",
    subcommands = {TraceCommand.Summarize.class})
final class TraceCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code equigrid trace summarize DIR}. */
  @Command(
      name = "summarize",
      mixinStandardHelpOptions = true,
      description =
          "Print messages by performative and phase, rounds per day and bid latencies of DIR/trace.jsonl.")
  static final class Summarize implements Callable<Integer> {

    @Parameters(
        index = "0",
        paramLabel = "DIR",
        description = "A run folder holding trace.jsonl (or the file itself).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      Path file = Files.isDirectory(dir) ? dir.resolve(TraceWriter.FILE_NAME) : dir;
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(
            "No trace at "
                + file.toAbsolutePath()
                + ". A trace is written by "
                + "'equigrid run SCENARIO --agents'; pass that run's folder.");
      }
      TraceSummary summary;
      try {
        summary = TraceSummary.read(file);
      } catch (java.io.IOException e) {
        throw new BadInputException("Cannot read the trace " + file + ": " + e.getMessage());
      }
      System.out.print(summary.render());
      return 0;
    }
  }
}
