package io.huntlake.config;

import java.util.Map;
import java.util.OptionalInt;

/**
 * How {@code maintain} keeps the lake: compaction file size, how long each table's days stay hot,
 * and how long VACUUM keeps files a table stopped using.
 *
 * @param retentionDays days kept hot per table name; a table that is absent is kept forever
 */
public record MaintainSettings(
    long targetFileBytes,
    int vacuumRetentionHours,
    boolean archiveRawFiles,
    Map<String, Integer> retentionDays) {

  /**
   * Raw event tables keep at least a week: late files rerun D-1, and a finding needs its raw events
   * for a while.
   */
  public static final int MIN_EVENT_RETENTION_DAYS = 7;

  /** Daily tables keep the baseline window plus the day and the D-1 rerun. */
  public static final int DAILY_RETENTION_MARGIN_DAYS = 2;

  /**
   * Delta's own safety floor: files younger than this may still be read by a running job or a
   * time-travel query.
   */
  public static final int MIN_VACUUM_RETENTION_HOURS = 168;

  public MaintainSettings {
    retentionDays = Map.copyOf(retentionDays);
  }

  /** Days of {@code table} kept hot, or empty for forever. */
  public OptionalInt retention(String table) {
    Integer days = retentionDays.get(table);
    return days == null ? OptionalInt.empty() : OptionalInt.of(days);
  }
}
