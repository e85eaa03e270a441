package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionLp;
import org.equigrid.market.game.MarginalGame;

/**
 * The settlement game's marginal contributions along a whole order, walking its prefixes on one
 * {@link CoalitionLp} (each prefix is the previous one and one household more, re-solved warm). A
 * prefix whose LP optimum breaks a binary pair, or that the LP solver does not solve, takes its
 * value from {@link CoalitionValues} (the per-coalition solve with its MILP stage), so values are
 * those of {@link CoalitionValues} to 1e-9 relative; the others are recorded there (for the core
 * check on visited coalitions and the counterfactuals). Each walk starts from an empty model
 * ({@link CoalitionLp#reset()}), so an order's marginals do not depend on which thread walks it or
 * what it walked before.
 *
 * <p>A batch of orders ({@link #marginals(int[][], double[][])}) is walked in parallel on the pool;
 * the prefix values are recorded in {@link CoalitionValues} only after the whole batch, in the
 * batch's order, so which value of a coalition is kept (two walks may reach the same coalition with
 * values that differ in the last digits) does not depend on thread timing. Thread-safe: one model
 * per concurrent walk, kept for reuse until {@link #close()}.
 */
final class OrderWalks implements MarginalGame, AutoCloseable {

  private final ClearedDay cleared;
  private final CoalitionValues values;
  private final ExecutorService pool;
  private final int players;
  private final double grandValue;
  private final ConcurrentLinkedDeque<CoalitionLp> idle = new ConcurrentLinkedDeque<>();
  private final List<CoalitionLp> models = new CopyOnWriteArrayList<>();
  private final AtomicLong fallbacks = new AtomicLong();

  /** Walks on the caller's thread only. */
  OrderWalks(CoalitionValues values) {
    this(values, null);
  }

  /**
   * @param pool walks the orders of a batch in parallel; null: on the caller's thread
   */
  OrderWalks(CoalitionValues values, ExecutorService pool) {
    this.values = values;
    this.pool = pool;
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
    record(order, walk(order, marginal));
  }

  @Override
  public void marginals(int[][] orders, double[][] marginals) {
    if (pool == null || orders.length < 2) {
      MarginalGame.super.marginals(orders, marginals);
      return;
    }
    List<Future<double[]>> walks = new ArrayList<>(orders.length);
    for (int k = 0; k < orders.length; k++) {
      int[] order = orders[k];
      double[] marginal = marginals[k];
      walks.add(pool.submit(() -> walk(order, marginal)));
    }
    try {
      for (int k = 0; k < orders.length; k++) {
        record(orders[k], Settlement.get(walks.get(k)));
      }
    } finally {
      awaitAll(
          walks); // a failed or interrupted batch: no walk may outlive it (close() frees its LP)
    }
  }

  /**
   * Waits until every walk has ended, whatever happened to the others or to this thread (an
   * interrupt is kept for the caller): the LPs are native objects, and closing one under a running
   * walk crashes the JVM.
   */
  private static void awaitAll(List<Future<double[]>> walks) {
    boolean interrupted = false;
    for (Future<double[]> walk : walks) {
      while (true) {
        try {
          walk.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the flag is cleared: wait again
        } catch (ExecutionException | CancellationException e) {
          break; // ended
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Walks one order into {@code marginal}; returns the value of each prefix {@code 2 <= k < n}
   * solved on the LP at index {@code k − 1} (NaN where the per-coalition solve gave it).
   */
  private double[] walk(int[] order, double[] marginal) {
    CoalitionLp lp = idle.poll();
    if (lp == null) {
      lp = CoalitionLp.open(cleared.day(), cleared.poolPriceEurPerKwh());
      models.add(lp);
    }
    double[] solved = new double[Math.max(0, players - 1)];
    try {
      lp.reset();
      BitSet prefix = new BitSet(players);
      double standalone = 0;
      double previous = 0; // v(∅)
      for (int k = 0; k < players - 1; k++) {
        int player = order[k];
        lp.join(player);
        prefix.set(player);
        standalone += values.standaloneCostEur(player);
        double value = 0; // v({i}) = 0
        solved[k] = Double.NaN;
        if (k > 0) {
          double cost = lp.solveCostEur();
          if (Double.isNaN(cost)) {
            fallbacks.incrementAndGet();
            value = values.value(prefix);
          } else {
            value = standalone - cost;
            solved[k] = value;
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
    return solved;
  }

  /** Records the LP values of an order's prefixes, first to last; counts every prefix LP. */
  private void record(int[] order, double[] solved) {
    BitSet prefix = new BitSet(players);
    for (int k = 0; k < players - 1; k++) {
      prefix.set(order[k]);
      if (k == 0) {
        continue;
      }
      if (Double.isNaN(solved[k])) {
        values.countSolve();
      } else {
        values.record(prefix, solved[k]);
      }
    }
  }

  /** Prefixes whose value came from the per-coalition solve (broken pair or no LP optimum). */
  long fallbacks() {
    return fallbacks.get();
  }

  /** Frees the models; call only when no walk is running. */
  @Override
  public void close() {
    for (CoalitionLp lp : models) {
      lp.close();
    }
    models.clear();
    idle.clear();
  }
}
