package org.equigrid.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equigrid.experiments.cli.EquigridCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the quickstart scenario, writes its report and opens it in headless Chromium (Debian's
 * {@code chromium}; {@code .ci/run} installs it): every chart must be drawn and the console must
 * hold no error. A screenshot is kept in {@code target/report-screenshot.png}.
 */
class HtmlReportIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void report_ofQuickstartRun_rendersEveryChartWithoutConsoleErrors(@TempDir Path tmp)
      throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    Path out = tmp.resolve("run");
    int exit =
        EquigridCommand.commandLine()
            .execute("run", quickstart().toString(), "--days", "1", "--out", out.toString());
    assertThat(exit).isZero();
    Path report = out.resolve(HtmlReport.REPORT_HTML);
    assertThat(report).exists();
    String html = Files.readString(report, StandardCharsets.UTF_8);
    int charts = count(html, "class=\"chart\"");
    assertThat(charts).isGreaterThanOrEqualTo(4);

    // A loaded machine can starve the page; retry with longer virtual-time budgets.
    Result dom = null;
    for (int budget : new int[] {5_000, 15_000, 30_000}) {
      List<String> command = new ArrayList<>(chromium(tmp));
      command.add("--virtual-time-budget=" + budget);
      command.add("--dump-dom");
      command.add(report.toUri().toString());
      dom = run(command);
      if (count(dom.stdout(), "data-rendered=\"true\"") == charts) {
        break;
      }
    }
    assertThat(count(dom.stdout(), "data-rendered=\"true\""))
        .as("charts drawn; chromium said:%n%s%n%s", tail(dom.stdout()), tail(dom.stderr()))
        .isEqualTo(charts);
    assertThat(consoleErrors(dom.stderr())).as("console errors").isEmpty();

    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    List<String> shot = new ArrayList<>(chromium(tmp));
    shot.add("--virtual-time-budget=5000");
    shot.add("--window-size=1280,3000");
    shot.add("--screenshot=" + screenshot);
    shot.add(report.toUri().toString());
    run(shot);
    assertThat(screenshot).exists();
  }

  private static Path quickstart() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("config/scenarios/quickstart.yaml");
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "config/scenarios/quickstart.yaml not found above the working directory");
  }

  private static List<String> chromium(Path tmp) {
    return List.of(
        CHROMIUM.toString(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
        "--user-data-dir=" + tmp.resolve("chromium-profile"));
  }

  private static List<String> consoleErrors(String stderr) {
    List<String> errors = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (line.contains("CONSOLE") && (line.contains("ERROR") || line.contains("Uncaught"))) {
        errors.add(line);
      }
    }
    return errors;
  }

  private record Result(String stdout, String stderr) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("chromium", ".out");
    Path stderr = Files.createTempFile("chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish in 120 s: " + command);
    }
    return new Result(Files.readString(stdout), Files.readString(stderr));
  }

  private static String tail(String text) {
    return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
  }

  private static int count(String text, String needle) {
    Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
