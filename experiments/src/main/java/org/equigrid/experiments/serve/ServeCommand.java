package org.equigrid.experiments.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.cli.BadInputException;
import org.equigrid.experiments.cli.ScenarioOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code equigrid serve}: the live view of a negotiating day, for teaching. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the live view: watch the JADE agents negotiate a day message by message, change the equity"
          + " settings and re-run, browse a results folder, or run a classroom where students bid.",
      "Listens on 127.0.0.1 unless --host says otherwise; prints the address. Stop with Ctrl-C."
    })
public final class ServeCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO",
      defaultValue = "quickstart",
      description = "Scenario YAML file or shipped scenario name (default: quickstart).")
  String scenario;

  @Option(names = "--port", description = "Port (default 7070; 0: any free port).")
  int port = 7070;

  @Option(
      names = "--host",
      description = "Address to listen on (default 127.0.0.1, this machine only).")
  String host = "127.0.0.1";

  @Option(
      names = "--results",
      paramLabel = "DIR",
      description = "A results folder (of run, reproduce or sweep) to browse, read-only.")
  Path results;

  @Option(
      names = "--classroom",
      paramLabel = "N",
      description = "Classroom mode: up to N students each play a household.")
  int classroom;

  @Option(names = "--days", description = "Trading days of each run (default: the scenario's).")
  Integer days;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Override a scenario field (repeatable), as in run.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Where each run's results folder goes (default: a new temporary folder).")
  Path work;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "Serve HTTPS only, with the key and certificate of this PKCS12 keystore"
              + " (docs/teaching.md says how to make one).")
  Path tlsKeystore;

  @Option(
      names = "--tls-password-env",
      paramLabel = "VAR",
      description = "The environment variable holding the keystore's password.")
  String tlsPasswordEnv;

  @Option(
      names = "--insecure-lan",
      description =
          "Classroom mode beyond loopback without TLS, on a network you trust (tokens travel in"
              + " clear text).")
  boolean insecureLan;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535) {
      throw new BadInputException("--port " + port + ": must be from 0 to 65535");
    }
    if (classroom < 0) {
      throw new BadInputException("--classroom " + classroom + ": must be >= 1");
    }
    if (results != null && !Files.isDirectory(results)) {
      throw new BadInputException(
          "--results "
              + results
              + ": not a folder. Maybe you meant a folder written by"
              + " equigrid run, e.g. runs/quickstart-seed7");
    }
    TlsKeystore tls;
    try {
      if (tlsKeystore == null && tlsPasswordEnv != null) {
        throw new IllegalArgumentException(
            "--tls-password-env "
                + tlsPasswordEnv
                + " without --tls-keystore FILE: nothing to unlock."
                + "\nMaybe you meant to add --tls-keystore live.p12");
      }
      tls =
          tlsKeystore == null
              ? null
              : TlsKeystore.load(tlsKeystore, tlsPasswordEnv, System.getenv());
      TlsKeystore.checkExposure(host, classroom, tls != null, insecureLan);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (days != null) {
      all.put("horizon.days", Integer.toString(days));
    }
    Path workDir = work != null ? work : Files.createTempDirectory("equigrid-serve");
    LiveServer server;
    try {
      server = new LiveServer(ScenarioOptions.resolve(scenario), all, workDir, results, classroom);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    try {
      server.start(host, port, tls);
    } catch (RuntimeException e) {
      throw new BadInputException(
          "cannot listen on "
              + host
              + ":"
              + port
              + ": "
              + rootMessage(e)
              + "\nMaybe you meant another --port, or --port 0 for any free one.");
    }
    Scenario s = server.scenario();
    PrintStream out = System.out;
    String shown = host.contains(":") ? "[" + host + "]" : host;
    String url = (tls != null ? "https://" : "http://") + shown + ":" + server.port() + "/";
    out.printf(
        Locale.ROOT,
        "equigrid live view of %s (%d households, %d days): %s%n",
        s.name(),
        s.households().size(),
        s.days(),
        url);
    if (server.teacherToken() != null) {
      out.println("classroom of " + classroom + ": students open " + url + "classroom");
      out.println("teacher (keep private): " + url + "#teacher=" + server.teacherToken());
    }
    if (results != null) {
      out.println("results folder (read-only): " + results.toAbsolutePath());
    }
    out.println("runs are written under " + workDir.toAbsolutePath() + "; stop with Ctrl-C");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof IOException ? t.getMessage() : t.toString();
  }
}
