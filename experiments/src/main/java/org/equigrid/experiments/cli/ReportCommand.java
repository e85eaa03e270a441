package org.equigrid.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.equigrid.experiments.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code equigrid report}: a self-contained HTML page with plots of a results folder. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write DIR/report.html (self-contained, with plots) for a results folder and print its path.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "A results folder written by run, reproduce or train.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("summary.json"))) {
      throw new BadInputException(
          "report: "
              + dir
              + " is not a results folder (no summary.json in it).\n"
              + "Maybe you meant the folder that 'equigrid run' printed, e.g. runs/quickstart-seed42");
    }
    System.out.println(HtmlReport.write(dir).toAbsolutePath());
    return 0;
  }
}
