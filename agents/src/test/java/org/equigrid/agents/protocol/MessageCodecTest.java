package org.equigrid.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.agents.protocol.Message.ApplianceSpec;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.EvSpec;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  /** The start of a message of this protocol version, {@code {"v":N,}. */
  private static final String V = "{\"v\":" + Message.PROTOCOL_VERSION + ",";

  private static final BatterySpec BATTERY = new BatterySpec(5.0, 2.5, 0.95, 0.95, 0.5, 5.0);

  static Bid bid(double[] load, double[] pv, BatterySpec battery) {
    return new Bid(
        "h1", 3, load, pv, 4.0, battery, 2.5, null, List.of(), 10.0, 10.0, null, 0.08, "truthful");
  }

  /** A bid with flex-ev's EV and two appliances (the second of 45 min). */
  static Bid flexibleBid() {
    return new Bid(
        "h1",
        3,
        new double[] {1, 2},
        new double[] {0, 0.5},
        4.0,
        null,
        0,
        new EvSpec(7.0, 3.7, 18, 7),
        List.of(new ApplianceSpec(1.2, 2.0, 8, 22), new ApplianceSpec(0.5, 0.75, 0, 24)),
        10.0,
        10.0,
        null,
        null,
        "truthful");
  }

  /** A join declaring flex-ev's EV and two appliances. */
  static Message.JoinRequest flexibleJoin() {
    Bid bid = flexibleBid();
    return new Message.JoinRequest(
        "h1", "PROSUMER", "LOW", 40, 4, null, bid.ev(), bid.appliances(), 10, 10);
  }

  /** As the codec decodes maps: in their JSON order (here sorted). */
  private static Map<String, Double> ordered(Map<String, Double> map) {
    return new java.util.LinkedHashMap<>(new TreeMap<>(map));
  }

  /** One message of every type, with awkward values. */
  static List<Message> everyType() {
    double[] p = {0.2, 0.3};
    Message.Schedule schedule = new Message.Schedule(p, p, p, p, p, p, p);
    return List.of(
        new Message.JoinRequest("h1", "PROSUMER", "LOW", 40, 4, BATTERY, null, List.of(), 10, 10),
        flexibleJoin(),
        new Message.JoinAccepted("h1", 3),
        new Message.CallForProposals(
            1, 3, 120, 1.0, p, new double[] {0.05, 0.05}, 0.1, 3600, "CENTRAL"),
        bid(new double[] {1, 2}, new double[] {0, 0.5}, BATTERY),
        flexibleBid(),
        new Message.Acceptance(3, schedule, p),
        new Message.Rejection(3, "late"),
        new Message.SettlementInform(3, "h1", 1.2, 1.5, 0.3, 1.2, "You saved 0.30 EUR."),
        new Message.SettlementReceived(3, "h1"),
        new Message.PricesAnnouncement(3, 2, p, 7200),
        new Message.NetProfileBid(
            "h1",
            3,
            2,
            new double[] {1, -1},
            p,
            p,
            List.of(4, 7),
            new double[] {0, 1.5},
            "truthful",
            "optimal"),
        new Message.EquityMetrics(
            3,
            124,
            0.31,
            0.2,
            0.04,
            0.03,
            0.1,
            ordered(Map.of("HIGH", -0.01, "LOW", 0.02)),
            ordered(Map.of("HIGH", 0.1, "LOW", -0.1)),
            ordered(Map.of("HIGH", 0.7, "LOW", 1.4)),
            ordered(Map.of("HIGH", 1.2, "LOW", 0.9)),
            0.02,
            -0.1,
            ordered(Map.of("HIGH", 0.6, "LOW", 1.4)),
            7500),
        new Message.NextWeights(4, ordered(Map.of("HIGH", 0.8, "LOW", 1.2))),
        new Message.ColumnPricesCall(
            3,
            5,
            new org.equigrid.market.negotiation.Signal.ColumnPrices(
                p,
                new double[] {-0.05, 1.0 / 3},
                p,
                p,
                new boolean[] {true, false},
                new byte[] {1, -1},
                new byte[] {0, 1}),
            9000),
        new Message.ColumnPricesCall(
            3,
            8,
            new org.equigrid.market.negotiation.Signal.ColumnPrices(
                p,
                p,
                p,
                p,
                new boolean[] {true, true},
                new byte[2],
                new byte[2],
                true,
                new int[] {1}),
            9000),
        new Message.ProximalPricesCall(
            3,
            6,
            new org.equigrid.market.negotiation.Signal.ProximalPrices(
                new double[] {-0.5, 0.25}, p, 0.5, 1.4, p),
            9900),
        new Message.ScheduleBid(
            "h1",
            3,
            6,
            new org.equigrid.market.negotiation.Answer.Schedule(
                p, p, p, p, p, p, p, new double[] {Math.ulp(1.0), 4.0}, null, null),
            "inflate-peak"),
        new Message.ScheduleBid(
            "h2",
            3,
            6,
            new org.equigrid.market.negotiation.Answer.Schedule(
                p, p, p, p, p, p, p, p, new double[] {0, 3.7}, new int[] {1}),
            "truthful"),
        new Message.IdleNetLoad("h1", 3, new double[] {0.7, -1.0 / 3}, "truthful"),
        new Message.Problem("why"));
  }

  @Test
  void encode_everyMessageType_decodesToAnEqualMessageAndSameJson() throws Exception {
    List<Message> all = everyType();
    assertThat(all.stream().map(Object::getClass).distinct())
        .hasSize(Message.class.getPermittedSubclasses().length);
    for (Message m : all) {
      String json = MessageCodec.encode(m);
      assertThat(json)
          .startsWith(
              "{\"v\":"
                  + Message.PROTOCOL_VERSION
                  + ",\"type\":\""
                  + m.getClass().getSimpleName()
                  + "\"");
      Message back = MessageCodec.decode(json);
      assertThat(back).usingRecursiveComparison().isEqualTo(m);
      assertThat(MessageCodec.encode(back)).isEqualTo(json);
      // The plain path: the envelope and the record as a tree, written by a default mapper.
      com.fasterxml.jackson.databind.ObjectMapper plain =
          new com.fasterxml.jackson.databind.ObjectMapper();
      com.fasterxml.jackson.databind.node.ObjectNode tree = plain.createObjectNode();
      tree.put("v", Message.PROTOCOL_VERSION);
      tree.put("type", m.getClass().getSimpleName());
      tree.setAll((com.fasterxml.jackson.databind.node.ObjectNode) plain.valueToTree(m));
      // compared as read back (the numbers' text may differ; their values may not)
      assertThat(plain.readTree(json)).isEqualTo(plain.readTree(plain.writeValueAsString(tree)));
      assertThat(List.copyOf(iterable(plain.readTree(json).fieldNames())))
          .containsExactlyElementsOf(iterable(tree.fieldNames()));
    }
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  @Test
  void decode_otherKeyOrderOrRepeatedKey_sameAsTheTreeReadsIt() throws Exception {
    // Read straight when canonical; other orders and repeated keys go through the tree.
    assertThat(MessageCodec.decode(V + "\"type\":\"Problem\",\"reason\":\"x\"}"))
        .isEqualTo(new Message.Problem("x"));
    assertThat(
            MessageCodec.decode(
                "{\"type\":\"Problem\",\"reason\":\"x\",\"v\":" + Message.PROTOCOL_VERSION + "}"))
        .isEqualTo(new Message.Problem("x"));
    // a repeated key: the tree keeps the last, as before the straight read existed
    assertThat(MessageCodec.decode(V + "\"type\":\"Problem\",\"reason\":\"x\",\"reason\":\"y\"}"))
        .isEqualTo(new Message.Problem("y"));
    assertThat(
            MessageCodec.decode(V + "\"type\":\"Problem\",\"type\":\"Problem\",\"reason\":\"z\"}"))
        .isEqualTo(new Message.Problem("z"));
    assertThat(
            MessageCodec.decode(
                V + "\"type\":\"SettlementReceived\",\"day\":3,\"householdId\":\"h1\"}"))
        .isEqualTo(new Message.SettlementReceived(3, "h1"));
  }

  /**
   * The straight read against the tree path on mutated contents: every content decodes to an equal
   * message by both, or is refused by both with the same reason.
   */
  @Test
  void decode_mutatedContents_sameAsTheTreePath() {
    java.util.Random random = new java.util.Random(16);
    List<String> seeds = everyType().stream().map(MessageCodec::encode).toList();
    String[] pieces = {
      "\"v\"", "\"type\"", ",", ":", "1e999", "-0", "null", "\"x\"", "[", "]", "{", "}"
    };
    int decoded = 0;
    int refused = 0;
    for (int i = 0; i < 6_000; i++) {
      StringBuilder c = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0 && c.length() > 1; edits--) {
        int at = random.nextInt(c.length());
        switch (random.nextInt(4)) {
          case 0 -> c.deleteCharAt(at);
          case 1 -> c.insert(at, pieces[random.nextInt(pieces.length)]);
          case 2 -> c.setCharAt(at, (char) (32 + random.nextInt(95)));
          default -> {
            // repeat a key-value stretch (a repeated key, or garbage)
            int to = Math.min(c.length(), at + 1 + random.nextInt(20));
            c.insert(to, "," + c.substring(at, to));
          }
        }
      }
      String content = c.toString();
      Object straight;
      Object tree;
      try {
        straight = MessageCodec.decode(content);
      } catch (ContentException e) {
        straight = e.getMessage();
      }
      try {
        tree = MessageCodec.decodeTree(content);
      } catch (ContentException e) {
        tree = e.getMessage();
      }
      assertThat(straight).as(content).usingRecursiveComparison().isEqualTo(tree);
      if (straight instanceof Message) {
        decoded++;
      } else {
        refused++;
      }
    }
    // the mutations reach both sides
    assertThat(decoded).isGreaterThan(100);
    assertThat(refused).isGreaterThan(500);
  }

  @Test
  void encode_randomDoubles_decodeBitForBit() throws Exception {
    java.util.Random random = new java.util.Random(20261207);
    double[] values = new double[4096];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (i % 4) {
            case 0 -> random.nextDouble() * 10;
            case 1 -> Double.longBitsToDouble(random.nextLong()); // any bits, NaN payloads aside
            case 2 -> -random.nextDouble() * 1e-300; // tiny, subnormal near the end
            default -> Math.round(random.nextDouble() * 1000) / 1000.0;
          };
      if (Double.isNaN(values[i])) {
        values[i] = Double.MIN_VALUE;
      }
    }
    Message.IdleNetLoad m = new Message.IdleNetLoad("h1", 3, values, "truthful");

    Message.IdleNetLoad back = (Message.IdleNetLoad) MessageCodec.decode(MessageCodec.encode(m));

    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(back.netLoadKwh()[i]))
          .as("value %d: %s", i, values[i])
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void encode_equityMetricsWithAwkwardDoubles_decodeBitForBit() throws Exception {
    double third = 1.0 / 3;
    double tiny = Math.ulp(1.0);
    Message.EquityMetrics m =
        new Message.EquityMetrics(
            0,
            366,
            Double.NaN,
            Double.NaN,
            third,
            Double.NaN,
            0.0,
            Map.of("LOW", -tiny),
            Map.of("LOW", third),
            Map.of("LOW", third),
            Map.of("LOW", Double.NaN),
            0.1 + 0.2,
            -tiny,
            Map.of("LOW", Math.nextUp(1.4)),
            0);

    Message.EquityMetrics back =
        (Message.EquityMetrics) MessageCodec.decode(MessageCodec.encode(m));

    assertThat(back.giniEnergyBurden()).isNaN();
    assertThat(back.giniEnergyBurdenNetPayers()).isNaN();
    assertThat(back.largestEnergyBurden()).isEqualTo(third);
    assertThat(back.burdenDifference().get("LOW")).isEqualTo(-tiny);
    assertThat(back.burdenGap().get("LOW")).isEqualTo(third);
    assertThat(back.accessGap().get("LOW")).isNaN();
    assertThat(Double.doubleToRawLongBits(back.priceOfFairness()))
        .isEqualTo(Double.doubleToRawLongBits(0.1 + 0.2));
    assertThat(back.rawlsianMinimum()).isEqualTo(-tiny);
    assertThat(back.weights().get("LOW")).isEqualTo(Math.nextUp(1.4));
  }

  @Test
  void decode_notJson_isNotUnderstoodWithReason() {
    assertThatThrownBy(() -> MessageCodec.decode(V + " oops"))
        .isInstanceOf(ContentException.class)
        .hasMessageStartingWith(MessageCodec.NOT_JSON);
    assertThatThrownBy(() -> MessageCodec.decode(null))
        .hasMessageStartingWith(MessageCodec.NOT_JSON);
    assertThatThrownBy(() -> MessageCodec.decode("[1,2]"))
        .hasMessageStartingWith(MessageCodec.NOT_JSON);
  }

  @Test
  void decode_missingOrOtherVersion_isNotUnderstood() {
    assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"Problem\",\"reason\":\"x\"}"))
        .hasMessageStartingWith(MessageCodec.NO_VERSION);
    assertThatThrownBy(() -> MessageCodec.decode("{\"v\":1,\"type\":\"Problem\",\"reason\":\"x\"}"))
        .hasMessageStartingWith(MessageCodec.WRONG_VERSION + "1");
  }

  @Test
  void decode_unknownTypeOrBadFields_isNotUnderstood() {
    assertThatThrownBy(() -> MessageCodec.decode(V + "\"type\":\"Bribe\"}"))
        .hasMessageStartingWith(MessageCodec.UNKNOWN_TYPE)
        .hasMessageContaining("Maybe you meant one of");
    assertThatThrownBy(
            () ->
                MessageCodec.decode(
                    V + "\"type\":\"Rejection\",\"day\":\"monday\",\"reason\":\"x\"}"))
        .hasMessageStartingWith(MessageCodec.BAD_FIELDS + "Rejection");
    assertThatThrownBy(() -> MessageCodec.decode(V + "\"type\":\"Rejection\",\"reason\":\"x\"}"))
        .hasMessageStartingWith(MessageCodec.BAD_FIELDS + "Rejection");
    assertThatThrownBy(
            () -> MessageCodec.decode(V + "\"type\":\"Problem\",\"reason\":\"x\",\"extra\":1}"))
        .hasMessageStartingWith(MessageCodec.BAD_FIELDS + "Problem");
  }

  @Test
  void decode_nanValue_decodesSoThatReceiptCheckCanRefuseIt() throws Exception {
    Bid nan = bid(new double[] {Double.NaN, 1}, new double[] {0, 0}, null);
    Bid back = (Bid) MessageCodec.decode(MessageCodec.encode(nan));
    assertThat(back.loadKwh()[0]).isNaN();
  }

  @Test
  void encode_flexibleBid_carriesEvAndAppliancesWithoutNames_andDecodesEqual() throws Exception {
    Bid bid = flexibleBid();
    String json = MessageCodec.encode(bid);
    assertThat(json)
        .contains(
            "\"ev\":{\"energyKwh\":7.0,\"maxPowerKw\":3.7,\"arrivalHour\":18,\"departureHour\":7}")
        .contains(
            "\"appliances\":[{\"powerKw\":1.2,\"durationHours\":2.0,\"earliestStartHour\":8,"
                + "\"latestEndHour\":22},")
        .doesNotContain("name");
    Bid back = (Bid) MessageCodec.decode(json);
    assertThat(back.ev()).isEqualTo(bid.ev());
    assertThat(back.appliances()).isEqualTo(bid.appliances());
    assertThat(back.ev().ev())
        .isEqualTo(new org.equigrid.market.model.ElectricVehicle(7.0, 3.7, 18, 7));
    assertThat(back.appliances().get(1).appliance(2))
        .isEqualTo(new org.equigrid.market.model.Appliance("#2", 0.5, 0.75, 0, 24));
  }

  @Test
  void decode_fractionalHourOrMissingFlexField_isNotUnderstoodNamingFieldAndValue() {
    String json = MessageCodec.encode(flexibleBid());
    notUnderstood(json, "Bid", "\"arrivalHour\":18", "18.5", "ev.arrivalHour");
    notUnderstood(json, "Bid", "\"latestEndHour\":22", "\"late\"", "appliances[0].latestEndHour");
    String missing = json.replace(",\"departureHour\":7", "");
    assertThatThrownBy(() -> MessageCodec.decode(missing))
        .hasMessageStartingWith(MessageCodec.BAD_FIELDS + "Bid")
        .hasMessageContaining("departureHour");
  }

  @Test
  void decode_joinWithFractionalHourOrTextPower_isNotUnderstoodNamingFieldAndValue()
      throws Exception {
    String json = MessageCodec.encode(flexibleJoin());
    assertThat(json)
        .startsWith(V + "\"type\":\"JoinRequest\"")
        .contains(
            "\"battery\":null,\"ev\":{\"energyKwh\":7.0,\"maxPowerKw\":3.7,\"arrivalHour\":18,"
                + "\"departureHour\":7},\"appliances\":[{\"powerKw\":1.2,");
    assertThat(MessageCodec.decode(json)).isEqualTo(flexibleJoin());
    notUnderstood(json, "JoinRequest", "\"departureHour\":7", "7.5", "ev.departureHour");
    notUnderstood(
        json, "JoinRequest", "\"earliestStartHour\":0", "0.25", "appliances[1].earliestStartHour");
    notUnderstood(json, "JoinRequest", "\"powerKw\":1.2", "\"high\"", "appliances[0].powerKw");
  }

  /**
   * Decoding {@code json} with the field {@code field} (its name and old value) set to {@code
   * value} is NOT-UNDERSTOOD, naming the value and where it is.
   */
  private static void notUnderstood(
      String json, String type, String field, String value, String at) {
    String changed = json.replace(field, field.substring(0, field.indexOf(':') + 1) + value);
    assertThat(changed).isNotEqualTo(json);
    assertThatThrownBy(() -> MessageCodec.decode(changed))
        .isInstanceOf(ContentException.class)
        .hasMessageStartingWith(MessageCodec.BAD_FIELDS + type)
        .hasMessageContaining(value)
        .hasMessageContaining("(at " + at + ")");
  }
}
