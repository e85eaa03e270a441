package org.equigrid.agents.coordinator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a day is negotiated, each registered once under the name the command line uses. A call
 * carries the constant's {@link #name()} ({@code CallForProposals.mode}).
 */
public enum MarketMode {
  /** Households bid profiles and assets; the coordinator clears centrally. */
  CENTRAL("central"),
  /** The coordinator announces pool prices; households schedule themselves and bid net profiles. */
  DECENTRALISED("decentralised");

  private final String key;

  MarketMode(String key) {
    this.key = key;
  }

  /** The name on the command line and in results. */
  public String key() {
    return key;
  }

  /** The mode named {@code text} (case-insensitive), if any. */
  public static Optional<MarketMode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.key.equals(wanted)).findFirst();
  }

  /** The allowed names, comma separated, for messages. */
  public static String allowed() {
    return Arrays.stream(values()).map(MarketMode::key).collect(Collectors.joining(", "));
  }
}
