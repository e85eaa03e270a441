package org.equigrid.experiments.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Opt-in TLS of the live view: HTTPS with a keystore made here by keytool, a client that trusts
 * only its certificate; plain HTTP is not served then; classroom mode beyond loopback needs TLS or
 * {@code --insecure-lan}.
 */
class TlsServeTest {

  private static final String PASSWORD = "classroom-test-pw";

  @TempDir Path temp;
  private LiveServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A PKCS12 keystore with a self-signed EC key for localhost and 127.0.0.1, made by keytool. */
  private Path keystore() throws Exception {
    Path file = temp.resolve("live.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "live",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return file;
  }

  /** An HTTPS client that trusts the keystore's certificate and nothing else. */
  private static HttpClient trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    Certificate certificate = store.getCertificate("live");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("live", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(20))
        .build();
  }

  private LiveServer start(TlsKeystore tls) throws Exception {
    server =
        new LiveServer(
                ScenarioOptions.resolve("quickstart"),
                Map.of("horizon.days", "1"),
                temp.resolve("work"),
                null,
                0)
            .start("127.0.0.1", 0, false, tls);
    return server;
  }

  @Test
  void tls_servesHttpsToAClientTrustingTheCertificate_andNoPlainHttp() throws Exception {
    Path keystore = keystore();
    TlsKeystore tls = TlsKeystore.load(keystore, "PW", Map.of("PW", PASSWORD));
    start(tls);
    HttpClient https = trusting(keystore);
    for (String host : List.of("127.0.0.1", "localhost")) {
      HttpResponse<String> answer =
          https.send(
              HttpRequest.newBuilder(
                      URI.create("https://" + host + ":" + server.port() + "/api/scenario"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(host).isEqualTo(200);
      assertThat(answer.body()).contains("\"households\"");
      assertThat(answer.sslSession()).isPresent();
    }
    // plain HTTP on the same port is not served
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    assertThatThrownBy(
            () -> {
              HttpResponse<String> answer =
                  plain.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.port() + "/api/scenario"))
                          .timeout(Duration.ofSeconds(30))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(answer.statusCode()).isNotEqualTo(200);
              throw new IOException("answered " + answer.statusCode());
            })
        .isInstanceOf(IOException.class);
    // a client that does not trust the certificate is refused by its own TLS check
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create("https://127.0.0.1:" + server.port() + "/api/scenario"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void load_wrongPasswordMissingVariableOrFile_sayWhatToDo() throws Exception {
    Path keystore = keystore();
    assertThatThrownBy(() -> TlsKeystore.load(keystore, "PW", Map.of("PW", "wrong")))
        .hasMessageContaining("--tls-keystore " + keystore)
        .hasMessageContaining("Maybe the password is wrong");
    assertThatThrownBy(() -> TlsKeystore.load(keystore, "PW", Map.of()))
        .hasMessageContaining("the environment variable PW is not set or empty")
        .hasMessageContaining("Maybe you meant: export PW=");
    assertThatThrownBy(() -> TlsKeystore.load(keystore, null, Map.of()))
        .hasMessageContaining("needs --tls-password-env VAR");
    assertThatThrownBy(() -> TlsKeystore.load(temp.resolve("none.p12"), "PW", Map.of("PW", "x")))
        .hasMessageContaining("no such readable file")
        .hasMessageContaining("keytool -genkeypair");
  }

  @Test
  void classroomBeyondLoopback_withoutTls_isRefusedUnlessInsecureLan() {
    assertThatThrownBy(() -> TlsKeystore.checkExposure("0.0.0.0", 5, false, false))
        .hasMessageStartingWith(TlsKeystore.CLASSROOM_NEEDS_TLS + " 0.0.0.0 without TLS")
        .hasMessageContaining("--tls-keystore FILE --tls-password-env VAR")
        .hasMessageContaining("--insecure-lan");
    TlsKeystore.checkExposure("0.0.0.0", 5, true, false);
    TlsKeystore.checkExposure("0.0.0.0", 5, false, true);
    TlsKeystore.checkExposure("127.0.0.1", 5, false, false);
    TlsKeystore.checkExposure("localhost", 5, false, false);
    TlsKeystore.checkExposure("::1", 5, false, false);
    TlsKeystore.checkExposure("0.0.0.0", 0, false, false); // not a classroom
  }

  @Test
  void serveCommand_classroomOnAllAddressesWithoutTls_exits2WithTheMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = EquigridCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
    int exit =
        EquigridCommand.execute(
            cli, "serve", "quickstart", "--classroom", "3", "--host", "0.0.0.0", "--port", "0");
    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).contains(TlsKeystore.CLASSROOM_NEEDS_TLS, "--insecure-lan");
    StringWriter err2 = new StringWriter();
    cli.setErr(new PrintWriter(err2, true));
    assertThat(EquigridCommand.execute(cli, "serve", "--tls-password-env", "PW", "--port", "0"))
        .isEqualTo(2);
    assertThat(err2.toString()).contains("without --tls-keystore FILE");
  }
}
