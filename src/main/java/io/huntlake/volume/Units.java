package io.huntlake.volume;

import java.util.Locale;

/** How the report and the summary line write bytes, shares and changes. */
public final class Units {
  private Units() {}

  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  /** 1536 → "1.5 KiB": binary units, three significant digits. */
  public static String bytes(double bytes) {
    double value = bytes;
    int unit = 0;
    while (Math.abs(value) >= 1024 && unit < BINARY.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit == 0) {
      return String.format(Locale.ROOT, "%.0f B", value);
    }
    String format =
        Math.abs(value) >= 100 ? "%.0f %s" : Math.abs(value) >= 10 ? "%.1f %s" : "%.2f %s";
    return String.format(Locale.ROOT, format, value, BINARY[unit]);
  }

  /** 0.123 → "12.3 %". */
  public static String share(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
  }

  /** 0.5 → "+50.0 %", −0.25 → "−25.0 %"; null → "new". */
  public static String change(Double fraction) {
    if (fraction == null) {
      return "new";
    }
    return String.format(Locale.ROOT, "%+.1f %%", 100 * fraction).replace('-', '−');
  }

  /** 12345678 → "12,345,678". */
  public static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }
}
