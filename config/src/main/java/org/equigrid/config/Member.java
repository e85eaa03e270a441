package org.equigrid.config;

import org.equigrid.config.profile.LoadShape;
import org.equigrid.market.model.Household;

/**
 * A household with what its profiles are made from.
 *
 * @param household the participant
 * @param annualLoadKwh synthetic load: energy over a year
 * @param shape synthetic load: daily shape
 * @param dataKey CSV profiles: the key of its series (file key, column or household value)
 */
record Member(Household household, double annualLoadKwh, LoadShape shape, String dataKey) {}
