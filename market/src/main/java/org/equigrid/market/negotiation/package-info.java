/**
 * Decentralised negotiation mechanisms (DESIGN.md section 7, issue 15): tâtonnement, exchange ADMM
 * and price decomposition, each a deterministic state machine over the same household rows as the
 * central clearing. The coordinator side ({@link org.equigrid.market.negotiation.Mechanism}) turns
 * the households' answers into the next round's signals; the household side ({@link
 * org.equigrid.market.negotiation.LocalHousehold}) answers a signal from the household's own data.
 * {@link org.equigrid.market.negotiation.NegotiationSession} keeps the coordinator's book between
 * messages (answers by household id, rounds with their message counts, the award by id). Nothing
 * here knows about agents or messages: the agent platform only carries signals and answers.
 */
package org.equigrid.market.negotiation;
