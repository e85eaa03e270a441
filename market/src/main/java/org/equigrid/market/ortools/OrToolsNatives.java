package org.equigrid.market.ortools;

import com.google.ortools.Loader;

/** The one place that loads OR-Tools' native libraries; call {@link #load()} before any solver. */
public final class OrToolsNatives {

  private OrToolsNatives() {}

  /**
   * Loads the native libraries the first time it is called in this JVM; thread-safe and cheap
   * after.
   */
  public static void load() {
    Once.touch();
  }

  /** Class initialisation runs the loader exactly once, under the JVM's initialisation lock. */
  private static final class Once {
    static {
      Loader.loadNativeLibraries();
    }

    static void touch() {
      // class initialisation does the work
    }
  }
}
