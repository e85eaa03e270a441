package org.equigrid.market.negotiation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The negotiation mechanisms, each registered once under the name scenarios and the command line
 * use.
 */
public enum NegotiationName {
  /**
   * Price adjustment toward the marginal (or supply-demand-ratio) price; heuristic, kept for
   * comparison.
   */
  TATONNEMENT("tatonnement"),
  /** Exchange (sharing) ADMM: proximal household solves, prices from the pool imbalance. */
  ADMM("admm"),
  /** Dantzig–Wolfe price decomposition: duals out, schedule columns back, master LP certifies. */
  DECOMPOSITION("decomposition");

  private final String key;

  NegotiationName(String key) {
    this.key = key;
  }

  /** The name in scenario files, results and on the command line. */
  public String key() {
    return key;
  }

  /** The mechanism named {@code text} (case-insensitive), if any. */
  public static Optional<NegotiationName> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(n -> n.key.equals(wanted)).findFirst();
  }

  /** The allowed names, comma separated, for messages. */
  public static String allowed() {
    return Arrays.stream(values()).map(NegotiationName::key).collect(Collectors.joining(", "));
  }
}
