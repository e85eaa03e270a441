package org.equigrid.market.game;

/**
 * Whether an allocation lies in the core, and the coalition that objects most.
 *
 * @param inCore {@code x(N) = v(N)} and {@code x(S) >= v(S)} for every coalition, within the
 *     tolerance of the check
 * @param mostViolated the proper coalition {@code S ≠ ∅, N} of largest excess (lowest mask on
 *     ties); the grand coalition for a one-player game
 * @param maxExcess its excess {@code e(S) = v(S) − x(S)}: positive means {@code S} would gain by
 *     leaving, negative is the smallest slack
 * @param efficiencyGap {@code x(N) − v(N)}
 */
public record CoreReport(
    boolean inCore, long mostViolated, double maxExcess, double efficiencyGap) {}
