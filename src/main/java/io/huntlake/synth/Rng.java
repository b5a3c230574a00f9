package io.huntlake.synth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic randomness keyed by the seed and a path of names (cluster, day, stream), so that
 * any part of the data set can be generated independently, in any order or thread, and still be
 * byte-identical for the same seed.
 */
final class Rng {
  private static final String POD_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;

  private Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A stream for one named purpose under a seed, e.g. of(seed, "prod-eu-1", day, "audit"). */
  static Rng of(long seed, Object... keys) {
    long hash = 0xcbf29ce484222325L ^ seed;
    for (Object key : keys) {
      for (byte b : String.valueOf(key).getBytes(StandardCharsets.UTF_8)) {
        hash ^= b;
        hash *= 0x100000001b3L;
      }
      hash ^= 0x9e3779b97f4a7c15L;
      hash *= 0x100000001b3L;
    }
    return new Rng(hash);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  int between(int lowInclusive, int highInclusive) {
    return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
  }

  long nextLong(long bound) {
    return random.nextLong(bound);
  }

  double nextDouble() {
    return random.nextDouble();
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** A count around a mean: Poisson for small means, a normal approximation for large ones. */
  int count(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  double gaussian() {
    double u = Math.max(1e-12, random.nextDouble());
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A uniformly random instant in [start, start + seconds). */
  Instant instantIn(Instant start, long seconds) {
    return start.plusNanos(random.nextLong(seconds * 1_000_000_000L));
  }

  /** Kubernetes' random name suffix alphabet (no vowels, no confusable digits). */
  String podSuffix(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(POD_SUFFIX_ALPHABET.charAt(random.nextInt(POD_SUFFIX_ALPHABET.length())));
    }
    return out.toString();
  }

  String hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  /** A random (version 4 layout) UUID string. */
  String uuid() {
    String h = hex(32);
    return h.substring(0, 8)
        + '-'
        + h.substring(8, 12)
        + "-4"
        + h.substring(13, 16)
        + '-'
        + "89ab".charAt(random.nextInt(4))
        + h.substring(17, 20)
        + '-'
        + h.substring(20);
  }

  String base64(int bytes) {
    byte[] raw = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      raw[i] = (byte) random.nextInt(256);
    }
    return java.util.Base64.getEncoder().encodeToString(raw);
  }
}
