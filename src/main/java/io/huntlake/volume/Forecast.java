package io.huntlake.volume;

import java.util.Arrays;

/**
 * A forecast of a daily series: a straight-line trend plus a day-of-week effect, fitted by ordinary
 * least squares, with prediction intervals from the same model.
 *
 * <p>Why this model: log volume grows with workloads (a trend) and follows the working week
 * (seasonality of 7); a capacity planner must be able to check the method by hand, and it must be
 * stable on a few weeks of history. Holt-Winters would track level shifts faster, but needs more
 * history before its parameters settle and has no closed-form interval for sums of days, which the
 * storage forecast needs.
 *
 * <p>Which terms are fitted depends on the history: from {@link #MIN_SEASONAL_DAYS} days, trend and
 * weekly seasonality (8 parameters); from {@link #MIN_TREND_DAYS}, trend only; below that, no
 * forecast. The interval of a sum of future days {@code S = Σ y(t)} is {@code Σ ŷ(t) ± q·σ·√(k +
 * aᵀ(XᵀX)⁻¹a)} with {@code a = Σ x(t)}, k days, σ² the residual variance and q Student's t
 * quantile: the noise of each day plus the uncertainty of the fitted trend, which is what dominates
 * 180 days ahead. Cost: a few microseconds; the series is at most a few hundred days.
 */
public final class Forecast {
  /** Three of each weekday: fewer leaves the weekday effects to a single week's noise. */
  public static final int MIN_SEASONAL_DAYS = 21;

  public static final int MIN_TREND_DAYS = 7;

  /** Two-sided coverage of every interval. */
  public static final double COVERAGE = 0.90;

  /** The standard normal's 95th percentile: the upper end of a two-sided 90 % interval. */
  private static final double NORMAL_QUANTILE = 1.6448536269514722;

  private static final int WEEK = 7;

  /** Which terms the fit has. */
  public enum Method {
    TREND_AND_WEEKLY_SEASONALITY,
    TREND,
    NONE
  }

  /** An estimate and its interval at {@link #COVERAGE}. */
  public record Estimate(double mean, double low, double high) {
    Estimate plus(Estimate other) {
      return new Estimate(mean + other.mean, low + other.low, high + other.high);
    }

    Estimate times(double factor) {
      return new Estimate(mean * factor, low * factor, high * factor);
    }
  }

  private final Method method;
  private final int days;
  private final double[] coefficients;
  private final double[][] inverse;
  private final double residualDeviation;
  private final double quantile;

  private Forecast(
      Method method,
      int days,
      double[] coefficients,
      double[][] inverse,
      double residualDeviation,
      double quantile) {
    this.method = method;
    this.days = days;
    this.coefficients = coefficients;
    this.inverse = inverse;
    this.residualDeviation = residualDeviation;
    this.quantile = quantile;
  }

  /** Fits the series, oldest day first, one value per consecutive day. */
  public static Forecast fit(double[] history) {
    int n = history.length;
    Method method =
        n >= MIN_SEASONAL_DAYS
            ? Method.TREND_AND_WEEKLY_SEASONALITY
            : n >= MIN_TREND_DAYS ? Method.TREND : Method.NONE;
    if (method == Method.NONE) {
      return new Forecast(method, n, new double[0], new double[0][0], 0, 0);
    }
    int p = parameters(method);
    double[][] normal = new double[p][p];
    double[] moments = new double[p];
    for (int t = 0; t < n; t++) {
      double[] x = row(method, t);
      for (int i = 0; i < p; i++) {
        moments[i] += x[i] * history[t];
        for (int j = 0; j < p; j++) {
          normal[i][j] += x[i] * x[j];
        }
      }
    }
    double[][] inverse = invert(normal);
    double[] beta = multiply(inverse, moments);
    double squares = 0;
    for (int t = 0; t < n; t++) {
      double residual = history[t] - dot(beta, row(method, t));
      squares += residual * residual;
    }
    int freedom = n - p;
    return new Forecast(
        method, n, beta, inverse, Math.sqrt(squares / freedom), studentQuantile(freedom));
  }

  public Method method() {
    return method;
  }

  public boolean available() {
    return method != Method.NONE;
  }

  /** Days of history fitted. */
  public int days() {
    return days;
  }

  /** The fitted trend: change per day. */
  public double slopePerDay() {
    return available() ? coefficients[1] : 0;
  }

  /** The residual standard deviation: how far a day strays from the model. */
  public double residualDeviation() {
    return residualDeviation;
  }

  /** The day {@code ahead} days after the last day of history (1 = tomorrow). */
  public Estimate day(int ahead) {
    return sum(ahead, ahead);
  }

  /**
   * The sum of the days from {@code firstAhead} to {@code lastAhead} (inclusive, 1 = tomorrow),
   * with its interval. Means below zero are cut to zero: a log source cannot send negative bytes.
   */
  public Estimate sum(int firstAhead, int lastAhead) {
    if (!available()) {
      throw new IllegalStateException("no forecast from " + days + " days of history");
    }
    if (lastAhead < firstAhead) {
      return new Estimate(0, 0, 0);
    }
    int p = coefficients.length;
    double[] a = new double[p];
    for (int ahead = firstAhead; ahead <= lastAhead; ahead++) {
      double[] x = row(method, days - 1 + ahead);
      for (int i = 0; i < p; i++) {
        a[i] += x[i];
      }
    }
    int k = lastAhead - firstAhead + 1;
    double mean = dot(coefficients, a);
    double spread = quantile * residualDeviation * Math.sqrt(k + dot(a, multiply(inverse, a)));
    return new Estimate(Math.max(0, mean), Math.max(0, mean - spread), Math.max(0, mean + spread));
  }

  private static int parameters(Method method) {
    return method == Method.TREND ? 2 : 2 + WEEK - 1;
  }

  /** The regressors of day t: 1, t, and one indicator per weekday but the first. */
  private static double[] row(Method method, int t) {
    double[] x = new double[parameters(method)];
    x[0] = 1;
    x[1] = t;
    if (method == Method.TREND_AND_WEEKLY_SEASONALITY && t % WEEK != 0) {
      x[1 + t % WEEK] = 1;
    }
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] result = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      result[i] = dot(m[i], v);
    }
    return result;
  }

  /** Gauss-Jordan with partial pivoting; the matrices here are at most 8 × 8. */
  static double[][] invert(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    double[][] inverse = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i] = Arrays.copyOf(matrix[i], n);
      inverse[i][i] = 1;
    }
    for (int column = 0; column < n; column++) {
      int pivot = column;
      for (int r = column + 1; r < n; r++) {
        if (Math.abs(a[r][column]) > Math.abs(a[pivot][column])) {
          pivot = r;
        }
      }
      double[] swap = a[column];
      a[column] = a[pivot];
      a[pivot] = swap;
      swap = inverse[column];
      inverse[column] = inverse[pivot];
      inverse[pivot] = swap;
      double scale = a[column][column];
      for (int j = 0; j < n; j++) {
        a[column][j] /= scale;
        inverse[column][j] /= scale;
      }
      for (int r = 0; r < n; r++) {
        if (r != column && a[r][column] != 0) {
          double factor = a[r][column];
          for (int j = 0; j < n; j++) {
            a[r][j] -= factor * a[column][j];
            inverse[r][j] -= factor * inverse[column][j];
          }
        }
      }
    }
    return inverse;
  }

  /**
   * Student's t 95th percentile by the Cornish-Fisher expansion around the normal one; within 1 %
   * of the exact value from 5 degrees of freedom, which the minimum histories guarantee.
   */
  static double studentQuantile(int freedom) {
    double z = NORMAL_QUANTILE;
    double v = freedom;
    return z
        + (z * z * z + z) / (4 * v)
        + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v)
        + (3 * Math.pow(z, 7) + 19 * Math.pow(z, 5) + 17 * z * z * z - 15 * z) / (384 * v * v * v);
  }
}
