package org.equigrid.experiments.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in Debian's headless Chromium, driven by Selenium through {@code chromedriver}
 * (package {@code chromium-driver}, installed by {@code .ci/run}); skipped with a message where
 * either is missing. Screenshots go to {@code target/live-view/}. {@code -Dlive.households=N} runs
 * the live test on a generated community of N households (for BENCHMARKS.md's step timings), and
 * {@code -Dlive.settlement=RULE} sets its settlement rule.
 */
class LiveViewIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "live-view");
  private static final Duration RUN = Duration.ofMinutes(6);

  @TempDir Path temp;
  private LiveServer server;
  private WebDriver browser;

  @BeforeEach
  void browser() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Debian's chromium is not installed: the live view IT is skipped");
    assumeTrue(
        Files.isExecutable(DRIVER),
        "chromedriver is not installed (apt-get install chromium-driver): the live view IT is skipped");
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,2000",
        "--user-data-dir=" + temp.resolve("chrome"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private WebDriverWait waiting(Duration timeout) {
    return new WebDriverWait(browser, timeout, Duration.ofMillis(100));
  }

  private void shot(String name) throws IOException {
    Path file = SHOTS.resolve(name + ".png");
    Files.copy(
        ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private int rows() {
    return browser.findElements(By.cssSelector("#message-rows tr")).size();
  }

  @Test
  void liveView_playsADay_clickAHousehold_changeAWeight_billsChange() throws Exception {
    int households = Integer.getInteger("live.households", 0);
    Duration run = households > 100 ? Duration.ofMinutes(40) : RUN;
    Map<String, String> overrides = new java.util.TreeMap<>(Map.of("horizon.days", "1"));
    if (households > 0) {
      overrides.put("community.generate.households", Integer.toString(households));
    }
    if (System.getProperty("live.settlement")
        != null) { // e.g. market: a cheaper settlement for a size run
      overrides.put("settlement.rule", System.getProperty("live.settlement"));
    }
    server =
        new LiveServer(
                ScenarioOptions.resolve("quickstart"), overrides, temp.resolve("work"), null, 0)
            .start("127.0.0.1", 0);
    long loaded = System.nanoTime();
    browser.get(url("/"));
    waiting(Duration.ofSeconds(60)).until(d -> rows() > 0);
    double firstMessageSeconds = (System.nanoTime() - loaded) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "live view: first message shown %.1f s after the page load%n",
        firstMessageSeconds);
    assertThat(browser.findElement(By.id("message-rows")).getText())
        .contains("REQUEST", "asks to join");

    waiting(run)
        .until(
            d -> "done".equals(browser.findElement(By.id("run-state")).getAttribute("data-state")));
    System.out.printf(
        Locale.ROOT, "live view: %s%n", browser.findElement(By.id("run-state")).getText());
    browser.findElement(By.id("step-day")).click();
    waiting(Duration.ofSeconds(30))
        .until(d -> js("return S.cursor").equals(js("return S.msgs.length")));
    assertThat(
            (String)
                js(
                    "return [...new Set(S.msgs.slice(0, S.cursor).map(m => m.performative))].join(' ')"))
        .contains("CFP", "PROPOSE", "ACCEPT-PROPOSAL", "INFORM", "CONFIRM");
    assertThat(browser.findElement(By.id("message-rows")).getText())
        .contains("received its settlement");
    assertThat(
            (Long)
                js(
                    "return echarts.getInstanceByDom(document.getElementById('chart-bills'))"
                        + ".getOption().series[0].data.filter(v => v !== null).length"))
        .isPositive();
    shot("01-day-played");

    // Step timing: from the click to the charts redrawn (the page draws in the next animation
    // frame), measured in the browser; for BENCHMARKS.md, not asserted.
    browser.findElement(By.id("pause")).click();
    browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
    stepTimes("join messages", "0");
    stepTimes(
        "settlement messages (each recolours the community and the bills)",
        "Math.max(0, S.msgs.findIndex(m => m.billEur !== null) - 5)");
    browser.findElement(By.id("step-day")).click();

    // Click a household in the community chart (a real click at the symbol's pixel).
    String id = server.scenario().households().get(0).id();
    @SuppressWarnings("unchecked")
    List<Number> pixel =
        (List<Number>)
            js(
                "const c = echarts.getInstanceByDom(document.getElementById('community'));"
                    + " const d = c.getOption().series[0].data.find(p => p.id === arguments[0]);"
                    + " return d ? c.convertToPixel({seriesIndex: 0}, d.value) : null;",
                id);
    if (pixel != null) {
      WebElement community = browser.findElement(By.id("community"));
      int x = pixel.get(0).intValue() - community.getSize().getWidth() / 2;
      int y = pixel.get(1).intValue() - community.getSize().getHeight() / 2;
      new Actions(browser).moveToElement(community, x, y).click().perform();
    } else { // aggregated view: pick from the bills chart's axis instead
      js("selectHousehold(arguments[0])", id);
    }
    waiting(Duration.ofSeconds(20))
        .until(d -> browser.findElement(By.id("hh-detail")).getText().contains("bill (B)"));
    assertThat(browser.findElement(By.id("hh-title")).getText()).isEqualTo(id);
    assertThat(browser.findElement(By.id("hh-detail")).getText())
        .contains("Bid:", "alone it would pay", id + " (");
    shot("02-household");
    if (households > 0) {
      return; // a size run for BENCHMARKS.md: the re-run below is the same at any size
    }

    // A bad weight: the scenario file's message in the page, nothing runs.
    WebElement low = browser.findElement(By.id("w-LOW"));
    low.clear();
    low.sendKeys("9");
    browser.findElement(By.id("rerun")).click();
    waiting(Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("form-error")));
    assertThat(browser.findElement(By.id("form-error")).getText())
        .contains("equity.weights.LOW = 9.0", "minWeight");

    // Change a weight and the settlement rule so the weights reach the bills; re-run and compare.
    low.clear();
    low.sendKeys("1.6");
    WebElement high = browser.findElement(By.id("w-HIGH"));
    high.clear();
    high.sendKeys("0.6");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("settlement")))
        .selectByValue("market");
    browser.findElement(By.id("rerun")).click();
    waiting(RUN).until(d -> !browser.findElements(By.id("compare-table")).isEmpty());
    List<WebElement> changes =
        browser.findElements(By.cssSelector("#compare-table td.better, #compare-table td.worse"));
    assertThat(changes).as("bills that moved after the weights changed").isNotEmpty();
    js("document.getElementById('form-box').scrollIntoView()");
    shot("03-rerun-compared");
    browser.findElement(By.id("step-day")).click();
    waiting(Duration.ofSeconds(20))
        .until(d -> js("return S.cursor").equals(js("return S.msgs.length")));
    js("window.scrollTo(0, 0)");
    Thread.sleep(500); // the charts' animations
    shot("live-view");
  }

  @Test
  void liveView_decomposition_theRoundsChartGrowsRoundByRound() throws Exception {
    server =
        new LiveServer(
                ScenarioOptions.resolve("quickstart"),
                Map.of("horizon.days", "1"),
                temp.resolve("work"),
                null,
                0)
            .start("127.0.0.1", 0, false);
    browser.get(url("/"));
    waiting(Duration.ofSeconds(60))
        .until(d -> Boolean.TRUE.equals(js("return S.scenario !== null && !!S.scenario.allowed")));
    // How many rounds the page had while the day was still playing (printed, not asserted: it
    // depends on the machine's speed).
    js(
        "window.liveRounds = 0; setInterval(() => { if (S.run && S.run.state === 'running')"
            + " window.liveRounds = Math.max(window.liveRounds, S.rounds.length); }, 100);");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("mechanism")))
        .selectByValue("decentralised-decomposition");
    browser.findElement(By.id("rerun")).click();
    waiting(RUN)
        .until(
            d ->
                "done".equals(browser.findElement(By.id("run-state")).getAttribute("data-state"))
                    && Boolean.TRUE.equals(js("return S.results !== null")));
    long total = (Long) js("return S.rounds.filter(r => r.day === 0).length");
    System.out.printf(
        Locale.ROOT,
        "live view: decomposition, %d rounds on day 0; the page had %s of them while the day"
            + " was playing%n",
        total,
        js("return window.liveRounds"));
    assertThat(total).as("rounds of day 0").isGreaterThan(2);
    assertThat((Boolean) js("return S.rounds.every(r => r.centralOptimumEur !== null)")).isTrue();

    // Replay from the first message, one round at a time: the chart gains the rounds in order.
    browser.findElement(By.id("pause")).click();
    js(
        "S.cursor = 0; S.rendered = 0; S.day = 0;"
            + " document.getElementById('message-rows').innerHTML = ''; drawAll();");
    List<Long> shown = new ArrayList<>();
    for (int click = 0; click < 2_000; click++) {
      if (js("return S.cursor").equals(js("return S.msgs.length"))) {
        break;
      }
      browser.findElement(By.id("step-round")).click();
      shown.add(
          ((Number)
                  ((JavascriptExecutor) browser)
                      .executeAsyncScript(
                          "const done = arguments[arguments.length - 1];"
                              + " requestAnimationFrame(() => { const box ="
                              + " document.getElementById('negotiation-box'); const c ="
                              + " echarts.getInstanceByDom(document.getElementById('chart-negotiation'));"
                              + " done(box.hidden || !c ? 0 : c.getOption().xAxis[0].data.length);"
                              + " });"))
              .longValue());
    }
    assertThat(shown).as("rounds drawn after each step").isSortedAccordingTo(Long::compare);
    assertThat(shown.get(shown.size() - 1)).isEqualTo(total);
    assertThat(shown.stream().distinct().count())
        .as("distinct round counts drawn while stepping: %s", shown)
        .isGreaterThan(total / 2);
    assertThat(browser.findElement(By.id("negotiation-label")).getText())
        .contains(total + " rounds of decomposition, day 0");
    js("document.getElementById('negotiation-box').scrollIntoView()");
    shot("04-decomposition-rounds");
  }

  @Test
  void classroom_twoStudentsBid_theTeacherRunsTheDay_theRankingAppears() throws Exception {
    server =
        new LiveServer(
                ScenarioOptions.resolve("quickstart"),
                Map.of("horizon.days", "1"),
                temp.resolve("work"),
                null,
                2)
            .start("127.0.0.1", 0);
    String first = browser.getWindowHandle();
    browser.get(url("/classroom"));
    browser.findElement(By.id("claim")).click();
    waiting(Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("my-household")));
    String firstHousehold = browser.findElement(By.cssSelector("#my-household b")).getText();
    bid("1.0", "1.5", false);

    browser.switchTo().newWindow(WindowType.TAB);
    String second = browser.getWindowHandle();
    browser.get(url("/classroom"));
    browser.findElement(By.id("claim")).click();
    waiting(Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("my-household")));
    String secondHousehold = browser.findElement(By.cssSelector("#my-household b")).getText();
    assertThat(secondHousehold).isNotEqualTo(firstHousehold);
    bid("0.8", "0.8", true);
    shot("10-student");

    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(url("/#teacher=" + server.teacherToken()));
    waiting(Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("open-bidding")));
    browser.findElement(By.id("open-bidding")).click();
    waiting(Duration.ofSeconds(20))
        .until(d -> browser.findElement(By.id("class-state")).getText().contains("open"));
    assertThat(browser.findElement(By.id("class-state")).getText())
        .contains("2 of 2 seats taken", "2 bids");
    browser.findElement(By.id("close-bidding")).click();
    waiting(RUN).until(d -> !browser.findElements(By.id("ranking-table")).isEmpty());
    String ranking = browser.findElement(By.id("ranking-table")).getText();
    assertThat(ranking)
        .contains(
            firstHousehold,
            secondHousehold,
            "student(load 1.0, evening 1.5",
            "student(load 0.8, evening 0.8)",
            "nobody (truthful)");
    shot("11-teacher-ranking");

    browser.switchTo().window(second);
    waiting(Duration.ofSeconds(20))
        .until(d -> !browser.findElements(By.id("ranking-table")).isEmpty());
    shot("12-student-ranking");
    browser.switchTo().window(first);
    assertThat(browser.findElement(By.id("my-household")).getText()).contains(firstHousehold);
  }

  /**
   * Steps by message from {@code fromExpression} and prints click-to-drawn times (for
   * BENCHMARKS.md).
   */
  private void stepTimes(String what, String fromExpression) {
    int from =
        ((Long)
                js(
                    "const from = "
                        + fromExpression
                        + "; S.cursor = from; S.rendered = 0;"
                        + " document.getElementById('message-rows').innerHTML = ''; drawAll(); return from;"))
            .intValue();
    int steps = Math.min(150, ((Long) js("return S.msgs.length")).intValue() - from);
    @SuppressWarnings("unchecked")
    List<Number> millis =
        (List<Number>)
            ((JavascriptExecutor) browser)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const out = [];"
                        + " const frame = () => new Promise(r => requestAnimationFrame(() => r()));"
                        + " (async () => { for (let i = 0; i < arguments[0]; i++) { const t = performance.now();"
                        + " document.getElementById('step-message').click(); await frame(); out.push(performance.now() - t); }"
                        + " done(out); })();",
                    steps);
    List<Double> sorted = new ArrayList<>(millis.stream().map(Number::doubleValue).toList());
    sorted.sort(Double::compare);
    System.out.printf(
        Locale.ROOT,
        "live view: %d households, %d steps over the %s from message %d, click to"
            + " drawn: median %.1f ms, 95th percentile %.1f ms, max %.1f ms%n",
        server.scenario().households().size(),
        steps,
        what,
        from,
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))),
        sorted.get(sorted.size() - 1));
  }

  private void bid(String load, String evening, boolean battery) {
    WebElement loadInput = browser.findElement(By.id("load-factor"));
    loadInput.clear();
    loadInput.sendKeys(load);
    WebElement eveningInput = browser.findElement(By.id("evening-factor"));
    eveningInput.clear();
    eveningInput.sendKeys(evening);
    WebElement offer = browser.findElement(By.id("offer-battery"));
    if (offer.isEnabled()
        && offer.isSelected() != battery) { // disabled: the household has no battery
      offer.click();
    }
    browser.findElement(By.id("send-bid")).click();
    waiting(Duration.ofSeconds(20))
        .until(d -> browser.findElement(By.id("bid-state")).getText().contains("Your bid"));
  }
}
