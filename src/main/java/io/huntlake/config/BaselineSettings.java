package io.huntlake.config;

/**
 * Baseline window (baseline.*).
 *
 * @param windowDays days of history a baseline summarises, ending the day before the scored day
 * @param minDays days an entity (or a cluster) needs in the window to count as established
 */
public record BaselineSettings(int windowDays, int minDays) implements java.io.Serializable {}
