package org.equigrid.market.game;

/**
 * The least core: the smallest {@code ε} such that some efficient allocation {@code x} has {@code
 * x(S) >= v(S) − ε} for every coalition {@code S ≠ ∅, N}. The core is nonempty iff {@code ε <= 0}.
 *
 * @param epsilon the least-core value {@code ε}
 * @param allocation one allocation of the least core (not unique in general)
 */
public record LeastCore(double epsilon, double[] allocation) {}
