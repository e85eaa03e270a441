package org.equigrid.experiments.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP side of the live view's API: the request guard (Host names, JSON-only POSTs, safe
 * headers), the static pages with their content security policy, JSON answers and errors, request
 * bodies bound to records and bounded query numbers.
 */
final class ApiHttp {

  private final ObjectMapper mapper;

  ApiHttp(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The Host names served when bound to {@code host}; null: any (bound elsewhere on purpose). */
  static Set<String> allowedHosts(String host) {
    if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")) {
      return Set.of("127.0.0.1", "localhost", "[::1]");
    }
    return null; // bound elsewhere on purpose (--host): the user chose the network; any Host is
    // served
  }

  /** Refuses a foreign Host (DNS rebinding) and a POST that is not JSON; sets safe headers. */
  static void guard(Context ctx, Set<String> allowedHosts) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    String host = ctx.header("Host");
    if (allowedHosts != null) {
      String name = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
      if (!allowedHosts.contains(name)) {
        throw ApiException.forbidden("Host '" + host + "' is not this server's loopback name");
      }
    }
    if ("POST".equals(ctx.method().name())) {
      String type = ctx.contentType();
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw new ApiException(415, LiveServer.JSON_ONLY);
      }
    }
  }

  static void resource(Context ctx, String name) throws IOException {
    try (InputStream in = LiveServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw ApiException.notFound("missing resource " + name);
      }
      byte[] bytes = in.readAllBytes();
      String type =
          name.endsWith(".js")
              ? "text/javascript; charset=utf-8"
              : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
      ctx.header(
          "Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
              + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      ctx.contentType(type).result(bytes);
    }
  }

  void json(Context ctx, Object value) throws JsonProcessingException {
    ctx.contentType("application/json; charset=utf-8").result(mapper.writeValueAsString(value));
  }

  void error(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json; charset=utf-8");
    try {
      ctx.result(mapper.writeValueAsString(Map.of("error", message, "status", status)));
    } catch (JsonProcessingException e) {
      ctx.result("{\"error\":\"unprintable error\"}");
    }
  }

  <T> T body(Context ctx, Class<T> type) throws IOException {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("the request needs a JSON body");
    }
    T value = mapper.readValue(text, type);
    if (value == null) {
      throw ApiException.badRequest("the request needs a JSON object, not null");
    }
    return value;
  }

  static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw ApiException.badRequest(name + " (" + value + ") must be from " + min + " to " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " '" + text + "' is not a whole number");
    }
  }
}
