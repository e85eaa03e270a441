package org.equigrid.experiments.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code equigrid bench}: the parent of the benchmark subcommands. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: time the platform's heavy parts on generated communities.",
    subcommands = {ClearingBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
