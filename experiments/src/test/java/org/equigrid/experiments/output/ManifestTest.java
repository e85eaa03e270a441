package org.equigrid.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  @TempDir Path dir;

  @Test
  void sha256_ofAbc_isTheKnownDigest() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "abc");
    assertThat(Manifest.sha256(file))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void verified_onlyWhileEveryListedFileIsIntact() throws Exception {
    Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n");
    Files.writeString(dir.resolve("summary.json"), "{}");
    assertThat(Manifest.verified(dir, List.of("a.csv"))).isFalse(); // no manifest yet
    Manifest.write(dir, List.of("a.csv", "summary.json"));
    assertThat(Manifest.verified(dir, List.of("a.csv", "summary.json"))).isTrue();
    assertThat(Manifest.verified(dir, List.of("a.csv", "groups.csv"))).isFalse(); // not listed

    Files.writeString(dir.resolve("a.csv"), "x,y\n1,3\n"); // same size, other content
    assertThat(Manifest.verified(dir, List.of("a.csv"))).isFalse();
    Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n");
    Files.delete(dir.resolve("summary.json"));
    assertThat(Manifest.verified(dir, List.of("a.csv"))).isFalse(); // a listed file is missing
  }

  @Test
  void verified_truncatedManifest_isNotComplete() throws Exception {
    Files.writeString(dir.resolve("a.csv"), "1\n");
    Manifest.write(dir, List.of("a.csv"));
    String text = Files.readString(dir.resolve(Manifest.FILE_NAME));
    Files.writeString(dir.resolve(Manifest.FILE_NAME), text.substring(0, text.length() / 2));
    assertThat(Manifest.verified(dir, List.of("a.csv"))).isFalse();
  }
}
