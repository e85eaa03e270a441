package org.equigrid.experiments.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.config.Scenario;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;

/**
 * Classroom mode: up to {@code capacity} browser sessions each claim a household with a random
 * session token and bid for it ({@link StudentBid}) until the teacher's deadline; households nobody
 * claimed bid truthfully. The day then runs through the agents and a table ranks each bill against
 * the household's truthful bill. A session acts only for its own household; only the teacher's
 * token opens and closes bidding. Thread-safe (every method synchronised).
 */
final class Classroom {

  /** Where the class is. */
  enum Phase {
    WAITING,
    OPEN,
    RUNNING,
    DONE
  }

  static final String UNKNOWN_SESSION =
      "unknown session token: claim a household first (POST /api/classroom/claim)";
  static final String NOT_YOUR_HOUSEHOLD = "this session plays %s and cannot act for %s";
  static final String NOT_TEACHER = "only the teacher's token can do this";
  static final String FULL = "the classroom is full (%d of %d households taken)";
  static final String TAKEN = "household %s is already taken by another session";
  static final String CLOSED = "bidding is not open (phase %s): wait for the teacher";

  /** Longest bidding window, seconds. */
  static final int MAX_SECONDS = 3_600;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Scenario scenario;
  private final int capacity;
  private final String teacherToken;
  private final Map<String, String> householdByToken = new LinkedHashMap<>();
  private final Map<String, StudentBid> bids = new TreeMap<>();
  private Phase phase = Phase.WAITING;
  private long deadlineMillis;
  private Integer runId;
  private ArrayNode ranking;
  private String error;

  Classroom(Scenario scenario, int capacity) {
    if (capacity < 1 || capacity > scenario.households().size()) {
      throw new IllegalArgumentException(
          "--classroom "
              + capacity
              + ": must be from 1 to the scenario's "
              + scenario.households().size()
              + " households");
    }
    this.scenario = scenario;
    this.capacity = capacity;
    this.teacherToken = newToken();
  }

  /** 192 random bits, URL-safe. */
  static String newToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  String teacherToken() {
    return teacherToken;
  }

  int capacity() {
    return capacity;
  }

  /** Checks the teacher's token in constant time. */
  synchronized void requireTeacher(String token) {
    if (token == null
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            teacherToken.getBytes(StandardCharsets.UTF_8))) {
      throw ApiException.forbidden(NOT_TEACHER);
    }
  }

  /** The household of a session token. */
  synchronized String householdOf(String token) {
    String household = token == null ? null : householdByToken.get(token);
    if (household == null) {
      throw ApiException.forbidden(UNKNOWN_SESSION);
    }
    return household;
  }

  /**
   * Claims {@code wanted} (or the first free household when null) for a new session.
   *
   * @return the session token and the household
   */
  synchronized Map<String, String> claim(String wanted) {
    if (householdByToken.size() >= capacity) {
      throw ApiException.forbidden(String.format(FULL, householdByToken.size(), capacity));
    }
    String household = wanted;
    if (household == null) {
      household =
          scenario.households().stream()
              .map(Household::id)
              .filter(id -> !householdByToken.containsValue(id))
              .findFirst()
              .orElseThrow();
    } else if (scenario.households().stream().noneMatch(h -> h.id().equals(wanted))) {
      throw ApiException.badRequest("household '" + wanted + "': no such household");
    } else if (householdByToken.containsValue(wanted)) {
      throw ApiException.conflict(String.format(TAKEN, wanted));
    }
    String token = newToken();
    householdByToken.put(token, household);
    return Map.of("token", token, "household", household);
  }

  /** A session's bid for {@code household}, which must be its own. */
  synchronized void bid(String token, String household, StudentBid bid) {
    String own = householdOf(token);
    if (!own.equals(household)) {
      throw ApiException.forbidden(String.format(NOT_YOUR_HOUSEHOLD, own, household));
    }
    if (phase != Phase.OPEN && phase != Phase.WAITING) {
      throw ApiException.conflict(
          String.format(CLOSED, phase.name().toLowerCase(java.util.Locale.ROOT)));
    }
    bids.put(own, bid);
  }

  /** Opens bidding for {@code seconds}. */
  synchronized void open(int seconds, long nowMillis) {
    if (seconds < 5 || seconds > MAX_SECONDS) {
      throw ApiException.badRequest("seconds (" + seconds + ") must be from 5 to " + MAX_SECONDS);
    }
    if (phase == Phase.RUNNING) {
      throw ApiException.conflict("the day is running; wait for the ranking");
    }
    if (phase == Phase.DONE) {
      bids.clear();
      ranking = null;
      runId = null;
    }
    phase = Phase.OPEN;
    deadlineMillis = nowMillis + seconds * 1000L;
  }

  /**
   * Closes bidding if it is open (at the deadline or when the teacher says so).
   *
   * @return the strategies of the day, or null when bidding was not open
   */
  synchronized Map<String, BiddingStrategy> close() {
    if (phase != Phase.OPEN) {
      return null;
    }
    phase = Phase.RUNNING;
    error = null;
    return new TreeMap<>(bids);
  }

  synchronized boolean deadlinePassed(long nowMillis) {
    return phase == Phase.OPEN && nowMillis >= deadlineMillis;
  }

  synchronized void started(int id) {
    runId = id;
  }

  synchronized void failed(String message) {
    phase = Phase.DONE;
    error = message;
  }

  /**
   * Ranks the day: bill minus truthful bill, lowest first (who gained most by bidding).
   *
   * @param bills bill of each household in the class's run, EUR, summed over the days
   * @param truthfulBills the same with everyone truthful
   */
  synchronized void finished(
      Map<String, Double> bills, Map<String, Double> truthfulBills, ObjectMapper mapper) {
    List<ObjectNode> rows = new ArrayList<>();
    for (Household h : scenario.households()) {
      Double bill = bills.get(h.id());
      Double truthful = truthfulBills.get(h.id());
      if (bill == null || truthful == null) {
        continue;
      }
      StudentBid bid = bids.get(h.id());
      ObjectNode row =
          mapper
              .createObjectNode()
              .put("household", h.id())
              .put("group", h.group())
              .put(
                  "player",
                  householdByToken.containsValue(h.id()) ? "student" : "nobody (truthful)")
              .put("strategy", bid == null ? "truthful" : bid.name())
              .put("billEur", bill)
              .put("truthfulBillEur", truthful)
              .put("differenceEur", bill - truthful);
      rows.add(row);
    }
    rows.sort(
        Comparator.comparingDouble((ObjectNode r) -> r.get("differenceEur").asDouble())
            .thenComparing(r -> r.get("household").asText()));
    ranking = mapper.createArrayNode();
    for (int i = 0; i < rows.size(); i++) {
      ranking.add(rows.get(i).put("rank", i + 1));
    }
    phase = Phase.DONE;
  }

  /** What everyone may see: phase, time left, seats taken, the ranking once the day ran. */
  synchronized ObjectNode state(long nowMillis, ObjectMapper mapper) {
    ObjectNode out =
        mapper
            .createObjectNode()
            .put("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
            .put("capacity", capacity)
            .put("claimed", householdByToken.size())
            .put("bids", bids.size());
    out.put(
        "secondsLeft",
        phase == Phase.OPEN ? Math.max(0, (deadlineMillis - nowMillis + 999) / 1000) : 0);
    if (runId != null) {
      out.put("runId", runId);
    }
    if (error != null) {
      out.put("error", error);
    }
    out.set("ranking", ranking == null ? mapper.createArrayNode() : ranking.deepCopy());
    return out;
  }

  /** The teacher's view: the state plus who plays what and every bid. */
  synchronized ObjectNode teacherView(long nowMillis, ObjectMapper mapper) {
    ObjectNode out = state(nowMillis, mapper);
    ArrayNode seats = out.putArray("seats");
    householdByToken.values().stream()
        .sorted()
        .forEach(
            h -> {
              ObjectNode seat = seats.addObject().put("household", h);
              StudentBid bid = bids.get(h);
              seat.put("bid", bid == null ? "none yet (truthful)" : bid.name());
            });
    return out;
  }

  /** A student's view of its own household: profile of day 0, the day's tariff, its bid. */
  synchronized ObjectNode studentView(String token, long nowMillis, ObjectMapper mapper) {
    String id = householdOf(token);
    int index = 0;
    while (!scenario.households().get(index).id().equals(id)) {
      index++;
    }
    Household h = scenario.households().get(index);
    ObjectNode out = state(nowMillis, mapper);
    ObjectNode house =
        out.putObject("household")
            .put("id", id)
            .put("group", h.group())
            .put("kind", h.kind().name().toLowerCase(java.util.Locale.ROOT))
            .put("pvKwp", h.pvKwp())
            .put("batteryKwh", h.hasBattery() ? h.battery().capacityKwh() : 0)
            .put("dailyIncomeEur", h.dailyIncomeEur());
    JsonNode load = mapper.valueToTree(scenario.profiles().loadKwh(0)[index]);
    JsonNode pv = mapper.valueToTree(scenario.profiles().pvKwh(0)[index]);
    house.set("loadKwh", load);
    house.set("pvKwh", pv);
    Tariff tariff = scenario.tariffs().forDay(0);
    out.putObject("tariff")
        .put("intervalHours", scenario.intervalHours())
        .put("peakChargeEurPerKw", tariff.peakChargeEurPerKw())
        .set("importPriceEurPerKwh", mapper.valueToTree(tariff.importPriceEurPerKwh()));
    ((ObjectNode) out.get("tariff"))
        .set("exportPriceEurPerKwh", mapper.valueToTree(tariff.exportPriceEurPerKwh()));
    StudentBid bid = bids.get(id);
    out.set("bid", bid == null ? null : mapper.valueToTree(bid));
    out.putObject("limits")
        .put("minFactor", StudentBid.MIN_FACTOR)
        .put("maxFactor", StudentBid.MAX_FACTOR)
        .put("eveningFromHour", StudentBid.EVENING_FROM_HOUR)
        .put("eveningToHour", StudentBid.EVENING_TO_HOUR);
    return out;
  }
}
