package org.equigrid.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.equigrid.config.ScenarioKeys;
import org.equigrid.experiments.output.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code equigrid keys}: the scenario key tables, generated from their declarations. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "Print every scenario key (type, default, unit, allowed values, help) as markdown tables, generated"
            + " from the declarations in config's ScenarioKeys; with --write, regenerate the tables of a README in"
            + " place (between <!-- keys:NAME --> and <!-- /keys -->).")
final class KeysCommand implements Callable<Integer> {

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description =
          "Only this table (top, horizon, household, battery,"
              + " generate, synthetic, csv, tariff, market, equity, solver, settlement).")
  String table;

  @Option(
      names = "--write",
      paramLabel = "FILE",
      description = "Regenerate the key tables of FILE in place, e.g." + " config/README.md.")
  Path write;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws BadInputException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (write != null) {
      String text;
      try {
        text = Files.readString(write);
      } catch (NoSuchFileException e) {
        throw new BadInputException(
            "--write " + write + ": no such file. Maybe you meant config/README.md?");
      }
      String generated;
      try {
        generated = ScenarioKeys.rewrite(text);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--write " + write + ": " + e.getMessage());
      }
      if (!generated.equals(text)) {
        AtomicFiles.write(write, generated);
      }
      out.println(
          write
              + (generated.equals(text)
                  ? ": key tables already up to date"
                  : ": key tables regenerated"));
      out.flush();
      return 0;
    }
    if (table != null && !ScenarioKeys.tables().contains(table)) {
      throw new BadInputException(
          "--table "
              + table
              + ": no such key table; allowed: "
              + String.join(", ", ScenarioKeys.tables())
              + ".");
    }
    for (String name : ScenarioKeys.tables()) {
      if (table == null || table.equals(name)) {
        out.println("### " + name);
        out.println(ScenarioKeys.markdown(name));
      }
    }
    out.flush();
    return 0;
  }
}
