package io.huntlake.config;

/**
 * When an hour of a source counts as a delivery gap, and when a file's events are misplaced.
 *
 * @param lowRatio an hour below this share of its usual volume is low
 * @param minExpectedEvents hours usually quieter than this are never called low
 * @param outsideDayToleranceMinutes slack around the folder's day before a file is misplaced
 */
public record GapSettings(double lowRatio, int minExpectedEvents, int outsideDayToleranceMinutes) {}
