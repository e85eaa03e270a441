package org.equigrid.experiments.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code equigrid bench}: the parent of the benchmark subcommands. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks; run one of the subcommands (heavy: run with nice on a shared machine).",
    subcommands = {
      GameBench.class,
      AgentsBench.class,
      PpoBenchCommand.class,
      ClearingBenchCommand.class,
      RunBench.class,
      NegotiationBench.class
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
