// Target 1 of issue 12 over the four seasonal weeks, for the market rule (the one shipped rule that
// is not individually rational, so the individual-rationality bound does not hold it back).
// In-process, by the learner's DayEvaluator (market rule: one weighted dispatch per day, LP
// relaxation of the one-meter binaries unless EXACT=1): every weighting of the study's grid
// (BestStatic.GRID: 49 weightings with population mean 1) and the scenario's static weights, for
// Rawlsian strengths 0, 2 and 5 EUR, on the 28 days of the weeks starting on days of year 182, 273,
// 364 and 90 (reproduce's adaptation blocks). Writes one CSV row per week, day, floor and weighting
// (largest burden, LOW mean burden, price of fairness, its EUR, v_cost); year-target-probe.py sums them.
//   javac -cp "experiments/target/equigrid.jar:experiments/target/lib/*" -d /tmp/probe experiments/sweeps/year-target-probe.java
//   java -cp "/tmp/probe:experiments/target/equigrid.jar:experiments/target/lib/*" -Dprobe.out=days.csv YearTargetProbe [floors, default 0,2,5]
//   (EXACT=1: the scenario solver settings, MILP where the relaxation breaks a binary; ONLY=<weights name>: one weighting)
import java.nio.file.Path;
import java.util.*;
import org.equigrid.agents.learning.equity.*;
import org.equigrid.config.*;

public class YearTargetProbe {
  public static void main(String[] args) throws Exception {
    boolean exact = "1".equals(System.getenv("EXACT"));
    int[] weeks = {182, 273, 364, 90};
    double[] floors = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToDouble(Double::parseDouble).toArray()
        : new double[] {0, 2, 5};
    double[] grid = {-0.5, -0.25, -0.1, 0, 0.1, 0.25, 0.5};
    Path s5 = Path.of("config/scenarios/s5-p2p-static-equity.yaml");
    List<String> rows = new ArrayList<>();
    // per day: the cost-minimising community cost (weights 1, no floor) and v_cost from PoF
    for (int week : weeks) {
      Map<String, String> base = new HashMap<>(Map.of("settlement.rule", "market",
          "horizon.startDayOfYear", Integer.toString(week), "equity.rawlsianStrengthEur", "0"));
      Scenario s0 = ScenarioReader.read(s5, base);
      EquityEnvironmentOptions opts = TrainingSettings.defaults(1, 7).environmentOptions();
      DayEvaluator ev0 = new DayEvaluator(s0, opts, exact);
      WeightMap map = ev0.weightMap();
      List<double[]> candidates = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int c = 0; c < 49; c++) {
        double[] a = {grid[c % 7], grid[(c / 7) % 7], 0};
        double[] w = map.weights(a);
        candidates.add(w);
        names.add(String.format(Locale.ROOT, "%s=%.2f/%s=%.2f/%s=%.2f", map.groups().get(0), w[0], map.groups().get(1),
            w[1], map.groups().get(2), w[2]));
      }
      candidates.add(ev0.staticWeights());
      names.add("static");
      Map<Double, DayEvaluator> byFloor = new LinkedHashMap<>();
      for (double floor : floors) {
        Map<String, String> o = new HashMap<>(base);
        o.put("equity.rawlsianStrengthEur", Double.toString(floor));
        byFloor.put(floor, floor == 0 ? ev0 : new DayEvaluator(ScenarioReader.read(s5, o), opts, exact));
      }
      for (int day = 0; day < 7; day++) {
        DayOutcome ref = ev0.neutralOutcome(day);
        double cStar = ref.communityCostEur();
        for (double floor : floors) {
          DayEvaluator ev = byFloor.get(floor);
          for (int c = 0; c < candidates.size(); c++) {
            String only = System.getenv("ONLY");
            if (only != null && !(names.get(c).equals(only) || (c == 24 && floor == floors[0]))) {
              continue; // with ONLY: that weighting, and the neutral one (c = 24) at the first floor
            }
            DayOutcome d = ev.evaluate(day, candidates.get(c));
            double pofEur = d.communityCostEur() - cStar;
            double vCost = Double.isFinite(d.priceOfFairness()) && Math.abs(d.priceOfFairness()) > 1e-9
                ? pofEur / d.priceOfFairness() : Double.NaN;
            rows.add(week + "," + day + "," + floor + "," + names.get(c) + "," + d.largestEnergyBurden() + ","
                + d.leastAdvantagedMeanEnergyBurden() + "," + d.priceOfFairness() + "," + pofEur + "," + vCost);
          }
        }
        System.err.println("week " + week + " day " + day + " done");
      }
    }
    java.nio.file.Files.write(Path.of(System.getProperty("probe.out", "/tmp/probe/days.csv")),
        (String.join("\n", rows) + "\n").getBytes());
  }
}
