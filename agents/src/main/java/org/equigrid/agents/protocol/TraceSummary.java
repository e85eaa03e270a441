package org.equigrid.agents.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Statistics of a {@code trace.jsonl}: messages (counted once, when sent) per performative and per
 * phase, rounds per day, and bid latencies (a coordinator's call to the household's answer, wall
 * clock, same JVM).
 *
 * @param messages messages sent
 * @param bytes content bytes sent
 * @param byPerformative messages per performative, sorted
 * @param byPhase messages per phase, sorted
 * @param roundsByDay calls (CFP rounds) per day
 * @param bidLatencyCount number of answered calls measured
 * @param meanBidLatencyMillis mean call-to-answer latency
 * @param maxBidLatencyMillis largest call-to-answer latency
 */
public record TraceSummary(
    long messages,
    long bytes,
    SortedMap<String, Long> byPerformative,
    SortedMap<String, Long> byPhase,
    SortedMap<Integer, Integer> roundsByDay,
    int bidLatencyCount,
    double meanBidLatencyMillis,
    double maxBidLatencyMillis) {

  /** Reads {@code trace.jsonl} (or a directory holding one). */
  public static TraceSummary read(Path traceOrDirectory) throws IOException {
    Path path =
        Files.isDirectory(traceOrDirectory)
            ? traceOrDirectory.resolve(TraceWriter.FILE_NAME)
            : traceOrDirectory;
    List<TraceEvent> events = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        events.add(TraceWriter.MAPPER.readValue(line, TraceEvent.class));
      } catch (JsonProcessingException e) {
        throw new IOException(
            path + " line " + lineNumber + " is not a trace event: " + e.getOriginalMessage(), e);
      }
    }
    return of(events);
  }

  /** Summarises events. */
  public static TraceSummary of(List<TraceEvent> events) {
    long messages = 0;
    long bytes = 0;
    SortedMap<String, Long> byPerformative = new TreeMap<>();
    SortedMap<String, Long> byPhase = new TreeMap<>();
    Map<Integer, TreeSet<Integer>> rounds = new TreeMap<>();
    Map<String, Long> callSent = new HashMap<>();
    List<Double> latencies = new ArrayList<>();
    for (TraceEvent e : events) {
      if (TraceEvent.SENT.equals(e.direction())) {
        messages++;
        bytes += e.bytes();
        byPerformative.merge(e.performative(), 1L, Long::sum);
        byPhase.merge(e.phase(), 1L, Long::sum);
        if ("CFP".equals(e.performative()) && e.day() >= 0) {
          rounds.computeIfAbsent(e.day(), d -> new TreeSet<>()).add(e.round());
          callSent.put(key(e.conversationId(), e.round(), e.receiver()), e.wallNanos());
        }
      } else if ("PROPOSE".equals(e.performative()) && e.agent().equals(e.receiver())) {
        Long sent = callSent.get(key(e.conversationId(), e.round(), e.sender()));
        if (sent != null) {
          latencies.add((e.wallNanos() - sent) / 1e6);
        }
      }
    }
    SortedMap<Integer, Integer> roundsByDay = new TreeMap<>();
    rounds.forEach((day, set) -> roundsByDay.put(day, set.size()));
    double mean = latencies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double max = latencies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return new TraceSummary(
        messages, bytes, byPerformative, byPhase, roundsByDay, latencies.size(), mean, max);
  }

  private static String key(String conversation, int round, String household) {
    return conversation + "|" + round + "|" + household;
  }

  /** A plain-text report, one fact per line. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "messages %d (%d bytes)%n", messages, bytes));
    byPerformative.forEach(
        (k, v) -> out.append(String.format(Locale.ROOT, "  performative %-16s %6d%n", k, v)));
    byPhase.forEach(
        (k, v) -> out.append(String.format(Locale.ROOT, "  phase        %-16s %6d%n", k, v)));
    roundsByDay.forEach(
        (k, v) -> out.append(String.format(Locale.ROOT, "  day %4d rounds %d%n", k, v)));
    out.append(
        String.format(
            Locale.ROOT,
            "bid latency: %d answers, mean %.2f ms, max %.2f ms%n",
            bidLatencyCount,
            meanBidLatencyMillis,
            maxBidLatencyMillis));
    return out.toString();
  }
}
