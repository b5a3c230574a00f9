package io.huntlake.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: a line with invalid bytes is rejected, never silently altered. */
final class Utf8 {
  private Utf8() {}

  static String decode(Line line) throws Rejection {
    byte[] bytes = line.bytes();
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      CharBuffer out = decoder.decode(in);
      return out.toString();
    } catch (CharacterCodingException e) {
      throw new Rejection("not valid UTF-8 (bad byte near offset " + firstInvalid(bytes) + ")");
    }
  }

  private static int firstInvalid(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    decoder.decode(in, out, true);
    return in.position();
  }
}
