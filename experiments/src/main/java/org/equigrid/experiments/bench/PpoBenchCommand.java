package org.equigrid.experiments.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.agents.learning.Environment;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.PpoConfig;
import org.equigrid.agents.learning.control.CartPole;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityEnvironmentOptions;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code equigrid bench ppo}: environment steps per second and PPO updates per second on CartPole
 * and on the equity environment (the reference community at several sizes). Equity steps are
 * measured cold (first visit of each day: profiles, standalone and cost-minimising LPs, coalition
 * values) and warm (days cached: one weighted dispatch LP and the settlement per step).
 */
@Command(
    name = "ppo",
    mixinStandardHelpOptions = true,
    description = "PPO throughput on CartPole and the equity environment; prints a table.")
final class PpoBenchCommand implements Callable<Integer> {

  @Option(names = "--scenario", description = "Equity scenario (default ${DEFAULT-VALUE}).")
  String scenario = "s5-p2p-static-equity";

  @Option(
      names = "--households",
      split = ",",
      description = "Community sizes (default ${DEFAULT-VALUE}).")
  List<Integer> households = new ArrayList<>(List.of(10, 30));

  @Option(
      names = "--days",
      description = "Distinct days per equity measurement (default ${DEFAULT-VALUE}).")
  int days = 4;

  @Option(
      names = "--orders",
      description = "Settlement orders per day above 10 households (default ${DEFAULT-VALUE}).")
  int orders = 24;

  @Override
  public Integer call() throws Exception {
    List<String[]> rows = new ArrayList<>();
    rows.add(cartPole());
    for (int n : households) {
      rows.addAll(equity(n));
    }
    System.out.printf(
        Locale.ROOT,
        "%-30s %14s %14s %12s%n",
        "environment",
        "env steps/s",
        "PPO steps/s",
        "updates/s");
    for (String[] row : rows) {
      System.out.printf(Locale.ROOT, "%-30s %14s %14s %12s%n", (Object[]) row);
    }
    return 0;
  }

  private String[] cartPole() {
    CartPole env = new CartPole();
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(1);
    env.reset(rng);
    int steps = 200_000;
    long start = System.nanoTime();
    for (int k = 0; k < steps; k++) {
      if (env.step(new double[] {rng.nextInt(2)}).done()) {
        env.reset(rng);
      }
    }
    double envRate = steps / seconds(start);
    PpoConfig config = PpoConfig.cartPole().withSeed(1);
    Ppo ppo = new Ppo(env, config);
    start = System.nanoTime();
    ppo.train(env, 8L * config.rolloutSteps(), null);
    double s = seconds(start);
    return new String[] {"CartPole-v1", f(envRate), f(ppo.steps() / s), f(ppo.updates() / s)};
  }

  private List<String[]> equity(int n) throws Exception {
    Scenario s =
        ScenarioReader.read(
            resolve(scenario), Map.of("community.generate.households", Integer.toString(n)));
    EquityEnvironmentOptions options =
        EquityEnvironmentOptions.defaults(1)
            .withEpisodeDays(days)
            .withPool(0, days + 1)
            .withSettlementOrders(orders);
    DayEvaluator evaluator = new DayEvaluator(s, options);
    EquityEnvironment env = new EquityEnvironment(evaluator, options);
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(2);
    long start = System.nanoTime();
    int steps = episode(env, rng);
    double cold = (steps + 1) / seconds(start);
    int solves = evaluator.coalitionSolves();
    start = System.nanoTime();
    steps = episode(env, rng);
    double warm = (steps + 1) / seconds(start);
    TrainingSettings settings =
        new TrainingSettings(1, days, 0, days + 1, 2 * days, 2, 1.0, 0.02, orders);
    Ppo ppo = new Ppo(env, settings.ppoConfig());
    start = System.nanoTime();
    ppo.train(env, 4L * days, null);
    double s2 = seconds(start);
    String name = "Equity " + n + " households";
    return List.of(
        new String[] {name + " cold", f(cold), "-", "-"},
        new String[] {name + " warm", f(warm), f(ppo.steps() / s2), f(ppo.updates() / s2)},
        new String[] {"  (" + solves + " coalition LPs cached)", "", "", ""});
  }

  private static int episode(Environment env, RandomGenerator rng) {
    env.reset(rng);
    int steps = 0;
    while (true) {
      double[] action = new double[env.actionSpace().actionSize()];
      for (int g = 0; g < action.length; g++) {
        action[g] = rng.nextDouble(-1, 1);
      }
      steps++;
      if (env.step(action).done()) {
        return steps;
      }
    }
  }

  private static Path resolve(String nameOrPath) {
    Path direct = Path.of(nameOrPath);
    if (java.nio.file.Files.exists(direct)) {
      return direct;
    }
    Path cwd = Path.of("").toAbsolutePath();
    String home = System.getenv("EQUIGRID_HOME");
    for (Path base : home == null ? List.of(cwd) : List.of(cwd, Path.of(home))) {
      Path candidate =
          base.resolve("config/scenarios")
              .resolve(nameOrPath.endsWith(".yaml") ? nameOrPath : nameOrPath + ".yaml");
      if (java.nio.file.Files.exists(candidate)) {
        return candidate;
      }
    }
    return direct;
  }

  private static double seconds(long start) {
    return Math.max(1e-9, (System.nanoTime() - start) / 1e9);
  }

  private static String f(double x) {
    return x >= 100 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.2f", x);
  }
}
