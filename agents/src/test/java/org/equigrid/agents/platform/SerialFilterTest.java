package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jade.core.AID;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialFilterTest {

  /** Not on the allow-list: stands for any gadget class on the class path. */
  record Gadget(String command) implements Serializable {}

  private static byte[] bytes(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream stream = new ObjectOutputStream(out)) {
      stream.writeObject(value);
    }
    return out.toByteArray();
  }

  private static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(SerialFilter::check);
      return in.readObject();
    }
  }

  @Test
  void check_jadeAndJavaValues_allowed() throws Exception {
    List<Object> values = new ArrayList<>(List.of("text", 42L, new AID("h1@equigrid", AID.ISGUID)));
    values.add(new double[] {1.5, 2.5});

    List<?> back = (List<?>) read(bytes(values));

    assertThat(back.subList(0, 3)).isEqualTo(values.subList(0, 3));
    assertThat((double[]) back.get(3)).containsExactly(1.5, 2.5);
  }

  @Test
  void check_classOutsideTheAllowList_rejected() throws Exception {
    byte[] gadget = bytes(List.of(new Gadget("rm -rf")));

    assertThatThrownBy(() -> read(gadget))
        .isInstanceOf(InvalidClassException.class)
        .hasMessageContaining("REJECTED");
  }

  private static java.io.ObjectInputFilter.FilterInfo info(Class<?> type) {
    return new java.io.ObjectInputFilter.FilterInfo() {
      @Override
      public Class<?> serialClass() {
        return type;
      }

      @Override
      public long arrayLength() {
        return -1;
      }

      @Override
      public long depth() {
        return 1;
      }

      @Override
      public long references() {
        return 1;
      }

      @Override
      public long streamBytes() {
        return 100;
      }
    };
  }

  @Test
  void check_reflectionAndLambdaClasses_rejectedThoughUnderJavaLang() {
    assertThat(SerialFilter.check(info(java.lang.reflect.Proxy.class)))
        .isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
    assertThat(SerialFilter.check(info(java.lang.invoke.SerializedLambda.class)))
        .isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
    assertThat(SerialFilter.check(info(String[][].class)))
        .isEqualTo(java.io.ObjectInputFilter.Status.ALLOWED);
    assertThat(SerialFilter.check(info(java.io.File.class)))
        .isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
  }

  @Test
  void check_arrayLongerThanTheCap_rejectedBeforeAllocation() throws Exception {
    byte[] big = bytes(new byte[(int) SerialFilter.MAX_ARRAY_LENGTH + 1]);

    assertThatThrownBy(() -> read(big)).isInstanceOf(InvalidClassException.class);
  }

  @Test
  void install_twice_sameJvmWideFilter() {
    SerialFilter.install();
    java.io.ObjectInputFilter first = java.io.ObjectInputFilter.Config.getSerialFilter();
    SerialFilter.install();

    assertThat(java.io.ObjectInputFilter.Config.getSerialFilter()).isSameAs(first).isNotNull();
  }
}
