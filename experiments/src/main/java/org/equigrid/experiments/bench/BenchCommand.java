package org.equigrid.experiments.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code equigrid bench}: throughput measurements. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure throughput (see BENCHMARKS.md).",
    subcommands = {PpoBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
