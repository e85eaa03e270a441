package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OutputFolderTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return EquigridCommand.execute(cli, args);
  }

  @Test
  void claim_secondClaimOfTheSameFolder_isRefusedUntilTheFirstCloses() throws Exception {
    Path out = dir.resolve("out");
    try (OutputFolder first = OutputFolder.claim(out, 0)) {
      assertThat(out.resolve(OutputFolder.LOCK_FILE)).exists();
      assertThatThrownBy(() -> OutputFolder.claim(out, 0))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining(out.toAbsolutePath().toString())
          .hasMessageContaining(OutputFolder.LOCKED);
    }
    assertThat(out.resolve(OutputFolder.LOCK_FILE)).doesNotExist();
    OutputFolder.claim(out, 0).close(); // free again
  }

  /** Found by KillIT: a train killed while writing its checkpoint left policy.ckpt<digits>.tmp. */
  @Test
  void claim_afterAKilledRun_deletesItsTemporaryFilesOnly() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out/run-001-seed7"));
    Path checkpoint = Files.writeString(out.resolve("policy.ckpt2196212304380306413.tmp"), "part");
    Path summary = Files.writeString(out.resolve(".summary.json77.tmp"), "{");
    Path top = Files.writeString(dir.resolve("out/.sweep.csv5.tmp"), "a,b");
    Path kept = Files.writeString(out.resolve("summary.json"), "{}");
    Path notes = Files.writeString(out.resolve("notes.tmp"), "mine");
    OutputFolder.claim(dir.resolve("out"), 0).close();
    assertThat(checkpoint).doesNotExist();
    assertThat(summary).doesNotExist();
    assertThat(top).doesNotExist();
    assertThat(kept).hasContent("{}");
    assertThat(notes).hasContent("mine");
  }

  @Test
  void claim_moreBytesThanTheDiskHas_saysNoSpace() {
    assertThatThrownBy(() -> OutputFolder.claim(dir.resolve("out"), Long.MAX_VALUE))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(OutputFolder.NO_SPACE)
        .hasMessageContaining("MB free");
  }

  @Test
  void claim_aFileInTheWay_saysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("results"), "x");
    assertThatThrownBy(() -> OutputFolder.claim(file, 0))
        .hasMessageContaining(OutputFolder.NOT_A_FOLDER);
  }

  @Test
  void claim_readOnlyFolder_saysPermissionDenied() throws Exception {
    assumeThat(System.getProperty("user.name")).as("root may write anywhere").isNotEqualTo("root");
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThatThrownBy(() -> OutputFolder.claim(locked.resolve("out"), 0))
          .hasMessageContaining(OutputFolder.PERMISSION_DENIED);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void run_outIsAFile_exitsTwoBeforeTheRun() throws Exception {
    Path file = Files.writeString(dir.resolve("results"), "x");
    assertThat(run("run", "quickstart", "--days", "1", "--out", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(OutputFolder.NOT_A_FOLDER);
  }

  @Test
  void run_folderLockedByAnotherRun_exitsTwo() throws Exception {
    Path out = dir.resolve("out");
    try (OutputFolder other = OutputFolder.claim(out, 0)) {
      assertThat(run("run", "quickstart", "--days", "1", "--out", out.toString())).isEqualTo(2);
    }
    assertThat(err.toString()).contains(OutputFolder.LOCKED);
  }

  /**
   * Issue 17 leftover: every command that writes a results folder claims it as {@code run} does, so
   * a second writer into the same folder exits 2 before any work (evaluate, study, platform main).
   */
  @Test
  void evaluate_folderLockedByAnotherRun_exitsTwo() throws Exception {
    Path policy = Path.of("..", "config", "scenarios", "policies", "s6-ppo.ckpt");
    assumeThat(policy).as("the shipped policy").exists();
    assertLockedFolderRefused(
        "evaluate", "s6-p2p-adaptive-equity", "--policy", policy.toString(), "--days", "1");
  }

  @Test
  void study_folderLockedByAnotherRun_exitsTwo() throws Exception {
    assertLockedFolderRefused("study", "quickstart", "--seeds", "1", "--episodes", "1");
  }

  @Test
  void platformMain_folderLockedByAnotherRun_exitsTwoBeforeListening() throws Exception {
    assertLockedFolderRefused(
        "platform", "main", "quickstart", "--days", "1", "--wait-seconds", "0");
    assertThat(Path.of(dir.resolve("out").toAbsolutePath() + ".secret"))
        .as("no secret written")
        .doesNotExist();
  }

  private void assertLockedFolderRefused(String... args) throws Exception {
    Path out = dir.resolve("out");
    String[] withOut = java.util.Arrays.copyOf(args, args.length + 2);
    withOut[args.length] = "--out";
    withOut[args.length + 1] = out.toString();
    try (OutputFolder other = OutputFolder.claim(out, 0)) {
      assertThat(run(withOut)).as(err.toString()).isEqualTo(2);
    }
    assertThat(err.toString())
        .contains(OutputFolder.LOCKED)
        .contains(out.toAbsolutePath().toString());
    try (java.util.stream.Stream<Path> files = Files.list(out)) {
      assertThat(files).as("nothing written by the refused command").isEmpty();
    }
  }

  @Test
  void modelSize_tenThousandHouseholdsOnTwoGigabytes_namesHeapAndHowToGiveIt() {
    // 128 MB + 16 kB x 10,000 x 24 = 3.70 GB; advice 1.25 x 3.70 rounded up = 5 GB
    assertThatThrownBy(() -> ModelSize.check("s4", 10_000, 24, "clear", 2L << 30))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(ModelSize.TOO_LARGE)
        .hasMessageContaining("about 3.7 GB")
        .hasMessageContaining("EQUIGRID_JAVA_OPTS=-Xmx5g ./equigrid clear s4");
  }

  @Test
  void modelSize_thousandHouseholds_fitsTwoGigabytes() throws BadInputException {
    ModelSize.check("s4", 1_000, 24, "clear", 2L << 30);
  }

  @CommandLine.Command(name = "hungry")
  static final class Hungry implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void execute_outOfMemoryError_exitsTwoWithAdvice() {
    CommandLine cli = new CommandLine(new Hungry());
    cli.setErr(new PrintWriter(err));
    assertThat(EquigridCommand.execute(cli)).isEqualTo(2);
    assertThat(err.toString())
        .contains("ran out of memory")
        .contains(ModelSize.JAVA_OPTS + "=-Xmx8g");
  }
}
