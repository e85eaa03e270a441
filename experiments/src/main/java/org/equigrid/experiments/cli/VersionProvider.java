package org.equigrid.experiments.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest. */
public final class VersionProvider implements IVersionProvider {

  /** The platform version, or {@code dev} when running from classes. */
  public static String version() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"equigrid " + version()};
  }
}
