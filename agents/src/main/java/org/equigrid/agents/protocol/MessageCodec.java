package org.equigrid.agents.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Versioned JSON for {@link Message}: {@code {"v":1,"type":"Bid",...fields}}. Field order is the
 * record component order, so encodings are byte-identical for equal messages.
 */
public final class MessageCodec {

  /** The ACL language of every message. */
  public static final String LANGUAGE = "json";

  /** The ACL ontology of every message. */
  public static final String ONTOLOGY = "equigrid-v" + Message.PROTOCOL_VERSION;

  static final String NOT_JSON = "The content is not JSON: ";
  static final String NO_VERSION =
      "The content has no integer \"v\" (protocol version). Expected \"v\": ";
  static final String WRONG_VERSION = "Unsupported protocol version ";
  static final String UNKNOWN_TYPE = "Unknown message \"type\" ";
  static final String BAD_FIELDS = "The fields of a ";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Numbers are written and read by Jackson's Schubfach writer and FastDoubleParser: the
          // shortest text that reads back to the same double, read back correctly rounded (the
          // JDK's FloatingDecimal was a third of a 10,000-household round's coordinator time).
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // 18.5 for an int field (an hour, a day) is refused, not truncated to 18
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          // Maps (weights, gaps by group) are written in key order, whatever the map: a Map.of's
          // order changes from one JVM to the next, and the same message must be the same text
          // (traces, signatures, the seeded fuzz).
          .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private static final Map<String, Class<? extends Message>> TYPES = new LinkedHashMap<>();

  static {
    for (Class<?> type : Message.class.getPermittedSubclasses()) {
      TYPES.put(type.getSimpleName(), type.asSubclass(Message.class));
    }
  }

  private MessageCodec() {}

  /**
   * The JSON of a message: {@code {"v":…,"type":…}} followed by the record's fields as Jackson
   * writes the record, written once (no intermediate tree).
   */
  public static String encode(Message message) {
    String fields;
    try {
      fields = MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message, e);
    }
    StringBuilder json =
        new StringBuilder(fields.length() + 48)
            .append("{\"v\":")
            .append(Message.PROTOCOL_VERSION)
            .append(",\"type\":\"")
            .append(message.getClass().getSimpleName())
            .append('"');
    // fields is "{}" or "{...}": its members follow the envelope's
    return (fields.length() > 2
            ? json.append(',').append(fields, 1, fields.length())
            : json.append('}'))
        .toString();
  }

  /** The envelope {@link #encode} writes first, up to the type's name. */
  private static final String ENVELOPE = "{\"v\":" + Message.PROTOCOL_VERSION + ",\"type\":\"";

  /** Reads the fields after a canonical envelope; refuses a repeated key rather than pick one. */
  private static final com.fasterxml.jackson.databind.ObjectReader FIELDS =
      MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  /**
   * Decodes content; the exception's message is the NOT_UNDERSTOOD reason.
   *
   * <p>Content in {@link #encode}'s form (the version, then the type, then the fields, no key
   * repeated) is read straight into the record; anything else, and anything that does not read so,
   * goes through the JSON tree, which gives every refusal its reason. Both read the same fields
   * with the same deserialisers, so they decode the same message.
   */
  public static Message decode(String content) throws ContentException {
    if (content == null) {
      throw new ContentException(NOT_JSON + "the message has no content", null);
    }
    Message canonical = decodeCanonical(content);
    return canonical != null ? canonical : decodeTree(content);
  }

  /** The message of canonical content, or null when it is not canonical or does not read. */
  private static Message decodeCanonical(String content) {
    if (!content.startsWith(ENVELOPE)) {
      return null;
    }
    int nameEnd = content.indexOf('"', ENVELOPE.length());
    if (nameEnd < 0 || nameEnd + 1 >= content.length()) {
      return null;
    }
    Class<? extends Message> type = TYPES.get(content.substring(ENVELOPE.length(), nameEnd));
    char next = content.charAt(nameEnd + 1);
    if (type == null || (next != ',' && next != '}')) {
      return null;
    }
    String fields =
        next == ',' ? "{" + content.substring(nameEnd + 2) : "{" + content.substring(nameEnd + 1);
    try {
      return FIELDS.forType(type).readValue(fields);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null; // the tree path says why
    }
  }

  /** The plain path: the JSON tree, its checks and its reasons (package-private for its test). */
  static Message decodeTree(String content) throws ContentException {
    JsonNode root;
    try {
      root = MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      throw new ContentException(NOT_JSON + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ContentException(NOT_JSON + "expected an object, got " + abbreviate(content), null);
    }
    JsonNode version = root.get("v");
    if (version == null || !version.isInt()) {
      throw new ContentException(NO_VERSION + Message.PROTOCOL_VERSION, null);
    }
    if (version.intValue() != Message.PROTOCOL_VERSION) {
      throw new ContentException(
          WRONG_VERSION
              + version.intValue()
              + ". This coordinator speaks \"v\": "
              + Message.PROTOCOL_VERSION
              + ".",
          null);
    }
    JsonNode typeNode = root.get("type");
    Class<? extends Message> type = typeNode == null ? null : TYPES.get(typeNode.asText());
    if (type == null) {
      throw new ContentException(
          UNKNOWN_TYPE
              + (typeNode == null ? "(missing)" : typeNode.toString())
              + ". Maybe you meant one of "
              + TYPES.keySet()
              + ".",
          null);
    }
    ObjectNode fields = (ObjectNode) root; // read here, not shared: no copy needed
    fields.remove("v");
    fields.remove("type");
    try {
      return MAPPER.treeToValue(fields, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String detail =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      String at = e instanceof JsonMappingException m ? path(m) : "";
      throw new ContentException(
          BAD_FIELDS
              + type.getSimpleName()
              + " do not decode: "
              + firstLine(detail)
              + (at.isEmpty() ? "" : " (at " + at + ")"),
          e);
    }
  }

  /** Where in the message a decoding failed, e.g. {@code ev.arrivalHour} or {@code loadKwh[3]}. */
  private static String path(JsonMappingException e) {
    StringBuilder at = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        at.append(at.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        at.append('[').append(ref.getIndex()).append(']');
      }
    }
    return at.toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
