package io.huntlake.source;

import java.nio.charset.StandardCharsets;

/**
 * One line of an input file as bytes (without the newline).
 *
 * @param number 1-based line number in the file
 * @param bytes the line, or only its first bytes when {@link #oversized()}
 * @param length the full length of the line in bytes
 * @param oversized the line was longer than the reader's limit and was not kept whole
 * @param unterminated the file ended (or broke off) before this line's newline
 */
public record Line(
    long number, byte[] bytes, long length, boolean oversized, boolean unterminated) {

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public boolean isBlank() {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return !oversized;
  }
}
