package org.equigrid.market.settlement;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionLp;
import org.equigrid.market.game.MarginalGame;

/**
 * The settlement game's marginal contributions along a whole order, walking its prefixes on one
 * {@link CoalitionLp} (each prefix is the previous one and one household more, re-solved
 * warm). A prefix whose LP optimum breaks a binary pair, or that the LP solver does not solve, takes its
 * value from {@link CoalitionValues} (the per-coalition solve with its MILP stage), so values are
 * those of {@link CoalitionValues} to 1e-9 relative; the others are recorded there (for the core
 * check on visited coalitions and the counterfactuals). Each walk starts from an empty model
 * ({@link CoalitionLp#reset()}), so an order's marginals do not depend on which thread
 * walks it or what it walked before. Thread-safe: one model per concurrent walk, kept for reuse
 * until {@link #close()}.
 */
final class OrderWalks implements MarginalGame, AutoCloseable {

  private final ClearedDay cleared;
  private final CoalitionValues values;
  private final int players;
  private final double grandValue;
  private final ConcurrentLinkedDeque<CoalitionLp> idle = new ConcurrentLinkedDeque<>();
  private final List<CoalitionLp> models = new CopyOnWriteArrayList<>();
  private final AtomicLong fallbacks = new AtomicLong();
  private volatile boolean stopped;

  OrderWalks(CoalitionValues values) {
    this.values = values;
    this.cleared = values.cleared();
    this.players = values.players();
    BitSet all = new BitSet(players);
    all.set(0, players);
    this.grandValue = players == 0 ? 0 : values.value(all);
  }

  @Override
  public int players() {
    return players;
  }

  @Override
  public void marginals(int[] order, double[] marginal) {
    if (stopped) {
      throw new IllegalStateException("these order walks are stopped");
    }
    CoalitionLp lp = idle.poll();
    if (lp == null) {
      lp = CoalitionLp.open(cleared.day(), cleared.poolPriceEurPerKwh());
      models.add(lp);
    }
    try {
      lp.reset();
      BitSet prefix = new BitSet(players);
      double standalone = 0;
      double previous = 0; // v(∅)
      for (int k = 0; k < players - 1; k++) {
        if (stopped) {
          throw new IllegalStateException("these order walks are stopped");
        }
        int player = order[k];
        lp.join(player);
        prefix.set(player);
        standalone += values.standaloneCostEur(player);
        double value = 0; // v({i}) = 0
        if (k > 0) {
          double cost = lp.solveCostEur();
          if (Double.isNaN(cost)) {
            fallbacks.incrementAndGet();
            values.countSolve();
            value = values.value(prefix);
          } else {
            value = standalone - cost;
            values.record(prefix, value);
          }
        }
        marginal[player] = value - previous;
        previous = value;
      }
      if (players > 0) {
        marginal[order[players - 1]] = grandValue - previous;
      }
    } finally {
      idle.push(lp);
    }
  }

  /** Prefixes whose value came from the per-coalition solve (broken pair or no LP optimum). */
  long fallbacks() {
    return fallbacks.get();
  }

  /** Makes walks that start, or reach their next prefix, from now on fail; for unneeded orders. */
  void stop() {
    stopped = true;
  }

  /** Frees the models; call only when no walk is running. */
  @Override
  public void close() {
    stopped = true;
    for (CoalitionLp lp : models) {
      lp.close();
    }
    models.clear();
    idle.clear();
  }
}
