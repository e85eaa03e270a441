package org.equigrid.experiments.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.equigrid.agents.platform.RunSecret;
import org.equigrid.experiments.cli.EquigridCommand;

/** The second JVM: {@code equigrid platform join} for a range of households, on loopback. */
final class RemoteJvm {
  private final Process process;

  private RemoteJvm(Process process) {
    this.process = process;
  }

  static RemoteJvm start(
      String host,
      int port,
      String scenario,
      Map<String, String> overrides,
      String range,
      String jvmOptions,
      Path log,
      RunSecret secret) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String option : jvmOptions.trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EquigridCommand.class.getName());
    command.addAll(List.of("platform", "join", host + ":" + port, scenario, "--households", range));
    overrides.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      // The secret goes through the environment: a command line is visible to every user in ps.
      builder.environment().put(RunSecret.ENVIRONMENT, secret.hex());
      Process p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      System.err.println(
          "second JVM (pid "
              + p.pid()
              + "): "
              + String.join(" ", command.subList(0, 2))
              + " ... "
              + String.join(" ", command.subList(command.indexOf("platform"), command.size()))
              + " (log "
              + log
              + ")");
      return new RemoteJvm(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the second JVM: " + e.getMessage(), e);
    }
  }

  /**
   * Live threads and peak resident memory of the second JVM, from /proc (Linux), as "threads / MB".
   */
  String figures() {
    try {
      String status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
      String threads = "?";
      String rss = "?";
      for (String line : status.split("\n")) {
        if (line.startsWith("Threads:")) {
          threads = line.substring(8).trim();
        } else if (line.startsWith("VmHWM:")) {
          rss =
              String.format(
                  Locale.ROOT,
                  "%.0f",
                  Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0);
        }
      }
      return threads + " / " + rss;
    } catch (IOException | RuntimeException e) {
      return "? / ?";
    }
  }

  void stop() throws InterruptedException {
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
