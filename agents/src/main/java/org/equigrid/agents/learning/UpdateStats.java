package org.equigrid.agents.learning;

/**
 * Diagnostics of one PPO update (means over its minibatches), handed to the progress consumer.
 *
 * @param update 1-based index of the update just finished
 * @param steps environment steps so far
 * @param episodes episodes finished so far
 * @param meanReturnLast20 mean return of the last (up to) 20 finished episodes, NaN if none
 * @param learningRate learning rate used in this update
 * @param policyLoss clipped surrogate loss
 * @param valueLoss value loss (½ mean squared error, clipped if configured)
 * @param entropy mean policy entropy
 * @param approxKl mean of {@code (r - 1) - log r}
 * @param clipFraction share of samples with {@code |r - 1| > ε}
 * @param gradNorm mean global gradient norm before clipping
 */
public record UpdateStats(
    long update,
    long steps,
    long episodes,
    double meanReturnLast20,
    double learningRate,
    double policyLoss,
    double valueLoss,
    double entropy,
    double approxKl,
    double clipFraction,
    double gradNorm) {}
