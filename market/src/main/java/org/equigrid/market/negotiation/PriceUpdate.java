package org.equigrid.market.negotiation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link Tatonnement} moves the announced pool prices toward between rounds, each registered
 * once under the name the command line uses.
 */
public enum PriceUpdate {
  /**
   * Toward the community's marginal cost per interval ({@link CommunityCost#marginalPrices}). The
   * default: measured closest to the central optimum.
   */
  MARGINAL("marginal"),
  /**
   * Toward the supply-demand-ratio price of the pooled net profiles ({@link
   * CommunityCost#supplyDemandRatioPrices}).
   */
  SUPPLY_DEMAND_RATIO("supply-demand-ratio", "sdr");

  private final String key;
  private final List<String> aliases;

  PriceUpdate(String key, String... aliases) {
    this.key = key;
    this.aliases = List.of(aliases);
  }

  /** The name on the command line and in results. */
  public String key() {
    return key;
  }

  /**
   * The price update named {@code text} (case-insensitive, by its key or an alias such as {@code
   * sdr}), if any.
   */
  public static Optional<PriceUpdate> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(u -> u.key.equals(wanted) || u.aliases.contains(wanted))
        .findFirst();
  }

  /** The allowed names (keys, not aliases), comma separated, for messages. */
  public static String allowed() {
    return Arrays.stream(values()).map(PriceUpdate::key).collect(Collectors.joining(", "));
  }
}
