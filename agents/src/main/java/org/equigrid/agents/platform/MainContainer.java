package org.equigrid.agents.platform;

import jade.core.Profile;
import jade.core.ProfileImpl;
import jade.core.Runtime;
import jade.wrapper.AgentContainer;
import jade.wrapper.ControllerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The JADE main container of an {@link AgentPlatform}: started on a loopback (or given) host
 * without MTP or GUI, behind the authenticated JICP peer; killed with a bounded wait.
 */
final class MainContainer {

  private static final Logger LOG = LogManager.getLogger(AgentPlatform.class);

  private MainContainer() {}

  /** Starts the main container; unregisters {@code keyId} and throws when JADE cannot. */
  static AgentContainer start(PlatformOptions options, int port, String keyId) {
    Runtime runtime = Runtime.instance();
    runtime.setCloseVM(false);
    ProfileImpl profile = new ProfileImpl(options.host(), port, options.platformId(), true);
    profile.setParameter(Profile.LOCAL_HOST, options.host());
    profile.setParameter(Profile.LOCAL_PORT, Integer.toString(port));
    profile.setParameter(Profile.NO_MTP, "true");
    profile.setParameter(Profile.GUI, "false");
    AuthenticatedJicpPeer.configure(profile, keyId);
    AgentContainer main = runtime.createMainContainer(profile);
    if (main == null) {
      AuthenticatedJicpPeer.unregister(keyId);
      throw new IllegalStateException(
          "JADE could not start a main container on "
              + options.host()
              + ":"
              + port
              + ". Maybe the port is taken; pass port 0 for a free one.");
    }
    return main;
  }

  /**
   * Kills the platform of {@code main} (not just the main container: that also ends the AMS and DF
   * threads), waiting at most {@link AgentPlatform#SHUTDOWN_WAIT_MILLIS}, then unregisters its key.
   */
  static void kill(AgentContainer main, String host, int port, String keyId) {
    // Killing the platform (not just the main container) also ends the AMS and DF threads. JADE
    // gives the kill no time limit; everything the run computed is already in hand, so a kill that
    // hangs (an agent thread that does not end) is left behind rather than holding the caller.
    Thread killer =
        new Thread(
            () -> {
              try {
                main.getPlatformController().kill();
              } catch (ControllerException e) {
                LOG.debug("main container already stopped: {}", e.getMessage());
              }
            },
            "jade-shutdown-" + port);
    killer.setDaemon(true);
    killer.start();
    try {
      killer.join(AgentPlatform.SHUTDOWN_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (killer.isAlive()) {
      LOG.warn(
          "JADE on {}:{} did not stop within {} ms; carrying on without waiting for it",
          host,
          port,
          AgentPlatform.SHUTDOWN_WAIT_MILLIS);
    }
    AuthenticatedJicpPeer.unregister(keyId);
  }

  /** A free port on {@code host}. */
  static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }
}
