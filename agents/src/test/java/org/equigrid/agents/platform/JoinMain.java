package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.protocol.ProtocolObserver;

/**
 * The second JVM of {@link TwoJvmIT}: joins {@code host port} with consumers named by the remaining
 * arguments, waits for their settlement of day 0, and exits 0 (or 2 without it). The run secret
 * comes from the environment variable {@value RunSecret#ENVIRONMENT}.
 */
public final class JoinMain {

  private JoinMain() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    List<String> ids = List.of(args).subList(2, args.length);
    List<HouseholdSetup> setups = new ArrayList<>();
    for (String id : ids) {
      setups.add(Community.consumer(id, Community.flatLoad(), 1));
    }
    int status;
    try (PeripheralContainer container =
        PeripheralContainer.join(
            host,
            port,
            host,
            "remote",
            setups,
            HouseholdScheduler.standard(),
            ProtocolObserver.none(),
            RunSecret.parse(System.getenv(RunSecret.ENVIRONMENT), RunSecret.ENVIRONMENT),
            null)) {
      status = container.awaitSettlements(0, ids, 60_000) ? 0 : 2;
    }
    System.exit(status);
  }
}
