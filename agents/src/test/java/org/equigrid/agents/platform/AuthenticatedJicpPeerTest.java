package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jade.imtp.leap.JICP.JICPPacket;
import jade.imtp.leap.JICP.JICPProtocol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AuthenticatedJicpPeerTest {

  @Test
  void readCapped_headerAnnouncing900MegabytesWithNoData_refusedBeforeReadingData() {
    byte[] header = {
      JICPProtocol.COMMAND_TYPE,
      JICPProtocol.DATA_PRESENT_INFO,
      0x00,
      (byte) 0xe9,
      (byte) 0xa4,
      0x35
    };

    assertThatThrownBy(() -> AuthenticatedJicpPeer.readCapped(new ByteArrayInputStream(header)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("announces 900000000 bytes")
        .hasMessageContaining("at most " + AuthenticatedJicpPeer.MAX_FRAME_BYTES);
  }

  @Test
  void readCapped_packetWithRecipientAndData_sameAsJadesOwnReader() throws IOException {
    JICPPacket sent =
        new JICPPacket(
            JICPProtocol.COMMAND_TYPE,
            JICPProtocol.DEFAULT_INFO,
            "mediator-7",
            new byte[] {1, 2, 3, 4, 5});
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    sent.writeTo(wire);

    JICPPacket read =
        AuthenticatedJicpPeer.readCapped(new ByteArrayInputStream(wire.toByteArray()));

    assertThat(read.getType()).isEqualTo(JICPProtocol.COMMAND_TYPE);
    assertThat(read.getRecipientID()).isEqualTo("mediator-7");
    assertThat(read.getData()).containsExactly(1, 2, 3, 4, 5);
  }
}
