package io.huntlake.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The forecast on synthetic series whose trend, weekly pattern and noise are known. Tolerances: the
 * mean forecast within 2 % of the noise-free truth 30 and 90 days ahead, the fitted slope within 5
 * %, and the 90 % intervals holding between 83 and 96 % of future noisy days.
 */
class ForecastTest {
  /** A working week: busy Monday to Friday, quiet weekend; sums to zero. */
  private static final double[] WEEK = {120, 140, 130, 110, 100, -280, -320};

  private static final double LEVEL = 10_000;
  private static final double SLOPE = 25;
  private static final double NOISE = 150;

  private static double truth(int t) {
    return LEVEL + SLOPE * t + WEEK[t % 7];
  }

  private static double[] series(int days, long seed, int offset) {
    Random random = new Random(seed);
    double[] values = new double[days];
    for (int t = 0; t < days; t++) {
      values[t] = truth(offset + t) + NOISE * random.nextGaussian();
    }
    return values;
  }

  @Test
  void recoversTrendAndWeeklySeasonality() {
    Forecast forecast = Forecast.fit(series(84, 7, 0));
    assertThat(forecast.method()).isEqualTo(Forecast.Method.TREND_AND_WEEKLY_SEASONALITY);
    assertThat(forecast.slopePerDay()).isCloseTo(SLOPE, within(SLOPE * 0.05));
    assertThat(forecast.residualDeviation()).isCloseTo(NOISE, within(NOISE * 0.25));
    for (int ahead : new int[] {1, 6, 30, 90}) {
      double expected = truth(83 + ahead);
      assertThat(forecast.day(ahead).mean())
          .as("day +" + ahead)
          .isCloseTo(expected, within(0.02 * expected));
    }
    // A Saturday ahead is forecast below the Friday before it, as the pattern says.
    int saturday = 7 * 13 + 5 - 83;
    assertThat(forecast.day(saturday).mean()).isLessThan(forecast.day(saturday - 1).mean() - 300);
  }

  @Test
  void intervalsHoldTheirCoverageOnFutureDays() {
    int inside = 0;
    int total = 0;
    for (long seed = 1; seed <= 40; seed++) {
      double[] all = series(84 + 28, seed, 0);
      Forecast forecast = Forecast.fit(java.util.Arrays.copyOf(all, 84));
      for (int ahead = 1; ahead <= 28; ahead++) {
        Forecast.Estimate day = forecast.day(ahead);
        double actual = all[83 + ahead];
        inside += actual >= day.low() && actual <= day.high() ? 1 : 0;
        total++;
      }
    }
    double coverage = inside / (double) total;
    assertThat(coverage).as("share of future days inside the 90 % interval").isBetween(0.83, 0.96);
  }

  @Test
  void aSumOfDaysIsTheSumOfTheDailyMeansWithARelativelyNarrowerBand() {
    Forecast forecast = Forecast.fit(series(60, 3, 0));
    double dailyMeans = 0;
    for (int ahead = 1; ahead <= 30; ahead++) {
      dailyMeans += forecast.day(ahead).mean();
    }
    Forecast.Estimate month = forecast.sum(1, 30);
    assertThat(month.mean()).isCloseTo(dailyMeans, within(1e-6 * dailyMeans));
    Forecast.Estimate day = forecast.day(15);
    double dayWidth = (day.high() - day.low()) / day.mean();
    double monthWidth = (month.high() - month.low()) / month.mean();
    assertThat(monthWidth).isLessThan(dayWidth);
    // Further ahead, the trend's uncertainty widens the band.
    Forecast.Estimate later = forecast.day(180);
    assertThat(later.high() - later.low()).isGreaterThan(day.high() - day.low());
  }

  @Test
  void shortHistoriesFitATrendOnlyOrNothing() {
    Forecast trend = Forecast.fit(series(10, 5, 0));
    assertThat(trend.method()).isEqualTo(Forecast.Method.TREND);
    // Without weekday terms the weekly pattern is noise: the level is still right within 5 %.
    assertThat(trend.day(7).mean()).isCloseTo(LEVEL + SLOPE * 16, within(0.05 * LEVEL));

    Forecast none = Forecast.fit(series(6, 5, 0));
    assertThat(none.available()).isFalse();
    assertThatThrownBy(() -> none.day(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aShrinkingSourceIsNeverForecastBelowZero() {
    double[] falling = new double[30];
    for (int t = 0; t < 30; t++) {
      falling[t] = 3000 - 100 * t;
    }
    Forecast forecast = Forecast.fit(falling);
    assertThat(forecast.slopePerDay()).isCloseTo(-100, within(1e-6));
    assertThat(forecast.day(60).mean()).isZero();
    assertThat(forecast.day(60).low()).isZero();
  }

  @Test
  void studentQuantilesMatchTheTables() {
    // t(0.95) for 5, 10 and 30 degrees of freedom: 2.015, 1.812, 1.697.
    assertThat(Forecast.studentQuantile(5)).isCloseTo(2.015, within(0.01));
    assertThat(Forecast.studentQuantile(10)).isCloseTo(1.812, within(0.005));
    assertThat(Forecast.studentQuantile(30)).isCloseTo(1.697, within(0.002));
  }

  @Test
  void inversionUndoesTheMatrix() {
    double[][] m = {{4, 2, 0.5}, {2, 3, 1}, {0.5, 1, 2}};
    double[][] inverse = Forecast.invert(m);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double product = 0;
        for (int k = 0; k < 3; k++) {
          product += m[i][k] * inverse[k][j];
        }
        assertThat(product).isCloseTo(i == j ? 1 : 0, within(1e-12));
      }
    }
  }
}
