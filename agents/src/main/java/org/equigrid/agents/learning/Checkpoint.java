package org.equigrid.agents.learning;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Everything a run needs to continue bit-for-bit, and its binary file format: big-endian {@link
 * DataOutputStream} fields after the magic {@code EQPPO} and a format version, closed by a CRC32 of
 * all preceding bytes. Written to a temporary file and moved into place.
 */
record Checkpoint(
    String environmentName,
    int observationSize,
    String actionSpace,
    int[] actorSizes,
    int[] criticSizes,
    Map<String, String> config,
    double[] parameters,
    double[] adamFirstMoment,
    double[] adamSecondMoment,
    long adamSteps,
    double[] observationMean,
    double[] observationVariance,
    double observationCount,
    double returnVariance,
    double returnMean,
    double returnCount,
    double discountedReturn,
    long steps,
    long updates,
    long episodes,
    double episodeReturn,
    int episodeLength,
    double[] rawObservation,
    double[] observation,
    List<double[]> episodeActions,
    List<LearningCurve.Episode> curve) {

  static final String MAGIC = "EQPPO";
  static final int FORMAT_VERSION = 1;

  void write(Path path) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(environmentName);
      out.writeInt(observationSize);
      out.writeUTF(actionSpace);
      writeInts(out, actorSizes);
      writeInts(out, criticSizes);
      out.writeInt(config.size());
      for (Map.Entry<String, String> entry : config.entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeUTF(entry.getValue());
      }
      writeDoubles(out, parameters);
      writeDoubles(out, adamFirstMoment);
      writeDoubles(out, adamSecondMoment);
      out.writeLong(adamSteps);
      writeDoubles(out, observationMean);
      writeDoubles(out, observationVariance);
      out.writeDouble(observationCount);
      out.writeDouble(returnVariance);
      out.writeDouble(returnMean);
      out.writeDouble(returnCount);
      out.writeDouble(discountedReturn);
      out.writeLong(steps);
      out.writeLong(updates);
      out.writeLong(episodes);
      out.writeDouble(episodeReturn);
      out.writeInt(episodeLength);
      writeDoubles(out, rawObservation);
      writeDoubles(out, observation);
      out.writeInt(episodeActions.size());
      for (double[] action : episodeActions) {
        writeDoubles(out, action);
      }
      out.writeInt(curve.size());
      for (LearningCurve.Episode episode : curve) {
        out.writeLong(episode.endStep());
        out.writeInt(episode.length());
        out.writeDouble(episode.totalReward());
      }
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(crc.getValue());
    }
    Path absolute = path.toAbsolutePath();
    Path directory = absolute.getParent();
    if (directory == null) {
      throw new IOException(
          "A checkpoint needs a file name inside a folder, not " + absolute + ".");
    }
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, absolute.getFileName().toString(), ".tmp");
    try {
      Files.write(temporary, bytes.toByteArray());
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Refuses a checkpoint that does not fit the learner configured so, naming what does not match;
   * {@code acceptedEnvironment} may differ from this learner's own (a policy deployed on a related
   * environment).
   */
  void requireFits(
      Path path,
      String acceptedEnvironment,
      int configuredObservationSize,
      String configuredActionSpace,
      int[] configuredActorSizes,
      int[] configuredCriticSizes,
      Map<String, String> configured,
      int parameterCount) {
    require("environment", environmentName, acceptedEnvironment);
    require("observation size", observationSize, configuredObservationSize);
    require("action space", actionSpace, configuredActionSpace);
    if (!Arrays.equals(actorSizes, configuredActorSizes)) {
      throw mismatch("actor layer sizes", Arrays.toString(actorSizes), configuredActorSizes);
    }
    if (!Arrays.equals(criticSizes, configuredCriticSizes)) {
      throw mismatch("critic layer sizes", Arrays.toString(criticSizes), configuredCriticSizes);
    }
    for (Map.Entry<String, String> entry : configured.entrySet()) {
      String saved = config.get(entry.getKey());
      if (!entry.getValue().equals(saved)) {
        throw new IllegalArgumentException(
            "Checkpoint "
                + path
                + ": config "
                + entry.getKey()
                + " "
                + saved
                + " does not match the configured "
                + entry.getValue()
                + ".\nMaybe resume with the config the run was started with.");
      }
    }
    boolean fresh = rawObservation.length == 0;
    if (parameters.length != parameterCount
        || adamFirstMoment.length != parameterCount
        || adamSecondMoment.length != parameterCount
        || observationMean.length != configuredObservationSize
        || observationVariance.length != configuredObservationSize
        || (!fresh && rawObservation.length != configuredObservationSize)
        || episodes != curve.size()) {
      throw new IllegalArgumentException(
          "Checkpoint " + path + " is inconsistent: array lengths do not match its header.");
    }
  }

  private static void require(String what, Object saved, Object configured) {
    if (!saved.equals(configured)) {
      throw new IllegalArgumentException(
          "checkpoint "
              + what
              + " "
              + saved
              + " does not match the configured "
              + configured
              + ".");
    }
  }

  private static IllegalArgumentException mismatch(String what, String saved, int[] configured) {
    return new IllegalArgumentException(
        "checkpoint "
            + what
            + " "
            + saved
            + " do not match the configured "
            + Arrays.toString(configured)
            + ".");
  }

  static Checkpoint read(Path path) throws IOException {
    byte[] all = Files.readAllBytes(path);
    if (all.length < Long.BYTES) {
      throw new IOException("Checkpoint " + path + " is corrupt: only " + all.length + " bytes.");
    }
    int bodyLength = all.length - Long.BYTES;
    CRC32 crc = new CRC32();
    crc.update(all, 0, bodyLength);
    long stored =
        new DataInputStream(new ByteArrayInputStream(all, bodyLength, Long.BYTES)).readLong();
    if (stored != crc.getValue()) {
      throw new IOException(
          "Checkpoint "
              + path
              + " is corrupt: its CRC32 does not match its content (truncated or modified file)."
              + "\nMaybe resume from an earlier checkpoint.");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, bodyLength))) {
      String magic = in.readUTF();
      if (!MAGIC.equals(magic)) {
        throw new IOException("Checkpoint " + path + " is not an equigrid PPO checkpoint.");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IOException(
            "Checkpoint "
                + path
                + " has format version "
                + version
                + ", this build reads version "
                + FORMAT_VERSION
                + ".");
      }
      String environmentName = in.readUTF();
      int observationSize = in.readInt();
      String actionSpace = in.readUTF();
      int[] actorSizes = readInts(in);
      int[] criticSizes = readInts(in);
      int configSize = in.readInt();
      Map<String, String> config = new LinkedHashMap<>();
      for (int k = 0; k < configSize; k++) {
        config.put(in.readUTF(), in.readUTF());
      }
      double[] parameters = readDoubles(in);
      double[] first = readDoubles(in);
      double[] second = readDoubles(in);
      long adamSteps = in.readLong();
      double[] obsMean = readDoubles(in);
      double[] obsVariance = readDoubles(in);
      double obsCount = in.readDouble();
      double returnVariance = in.readDouble();
      double returnMean = in.readDouble();
      double returnCount = in.readDouble();
      double discounted = in.readDouble();
      long steps = in.readLong();
      long updates = in.readLong();
      long episodes = in.readLong();
      double episodeReturn = in.readDouble();
      int episodeLength = in.readInt();
      double[] rawObservation = readDoubles(in);
      double[] observation = readDoubles(in);
      int actionCount = in.readInt();
      List<double[]> actions = new ArrayList<>(actionCount);
      for (int k = 0; k < actionCount; k++) {
        actions.add(readDoubles(in));
      }
      int curveSize = in.readInt();
      List<LearningCurve.Episode> curve = new ArrayList<>(curveSize);
      for (int k = 0; k < curveSize; k++) {
        curve.add(new LearningCurve.Episode(in.readLong(), in.readInt(), in.readDouble()));
      }
      if (in.available() != 0) {
        throw new IOException(
            "Checkpoint " + path + " is corrupt: " + in.available() + " unexpected bytes at end.");
      }
      return new Checkpoint(
          environmentName,
          observationSize,
          actionSpace,
          actorSizes,
          criticSizes,
          config,
          parameters,
          first,
          second,
          adamSteps,
          obsMean,
          obsVariance,
          obsCount,
          returnVariance,
          returnMean,
          returnCount,
          discounted,
          steps,
          updates,
          episodes,
          episodeReturn,
          episodeLength,
          rawObservation,
          observation,
          actions,
          curve);
    } catch (EOFException e) {
      throw new IOException("Checkpoint " + path + " is corrupt: it ends early.", e);
    }
  }

  private static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("Checkpoint is corrupt: array length " + n + " is impossible.");
    }
    int[] values = new int[n];
    for (int k = 0; k < n; k++) {
      values[k] = in.readInt();
    }
    return values;
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available() / Double.BYTES) {
      throw new IOException("Checkpoint is corrupt: array length " + n + " is impossible.");
    }
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      values[k] = in.readDouble();
    }
    return values;
  }
}
