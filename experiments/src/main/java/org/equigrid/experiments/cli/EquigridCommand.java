package org.equigrid.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code equigrid} command line. */
@Command(
    name = "equigrid",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Equity-aware peer-to-peer energy trading in community microgrids.",
    subcommands = {GameCommand.class})
public final class EquigridCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EquigridCommand()).execute(args));
  }
}
