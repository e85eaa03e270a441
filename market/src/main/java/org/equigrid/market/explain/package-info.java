/**
 * Explanations of settled bills (DESIGN.md section 6): the bill decomposition, counterfactual
 * shares, a least-squares surrogate of shares on household features, and a sentence a household can
 * read.
 */
package org.equigrid.market.explain;
