package io.huntlake.config;

/**
 * Scoring thresholds and weights (score.*); every number the scoring model uses comes from here.
 *
 * @param alertThreshold score at or above which a row is an alert
 * @param weights weight per reason kind
 * @param minZ robust z-score where a deviation starts to count
 * @param fullZ robust z-score where it counts in full
 * @param minScale smallest spread assumed for count features
 * @param minScaleRatio smallest spread assumed for ratio features
 * @param relativeScale smallest spread as a share of the median
 * @param noveltyFullKeys new keys of one set at which novelty counts in full
 * @param sensitiveWeight how many new keys one new sensitive operation counts as
 * @param newEntityStrength strength of the reason "new entity"
 * @param peerMaxShare share of peers at or below which a key is rare
 * @param peerMinPeers smallest peer group used for rarity
 * @param volumeMinRatio multiple of the median where a volume change starts to count
 * @param volumeFullRatio multiple of the median where it counts in full
 */
public record ScoreSettings(
    double alertThreshold,
    Weights weights,
    double minZ,
    double fullZ,
    double minScale,
    double minScaleRatio,
    double relativeScale,
    double noveltyFullKeys,
    double sensitiveWeight,
    double newEntityStrength,
    double peerMaxShare,
    int peerMinPeers,
    double volumeMinRatio,
    double volumeFullRatio)
    implements java.io.Serializable {

  /** Weight of each kind of reason. */
  public record Weights(double deviation, double novelty, double peerRarity, double volume)
      implements java.io.Serializable {}

  /**
   * A short fingerprint of every setting, recorded with each score: two scores with the same model
   * version were computed the same way.
   */
  public String modelVersion() {
    return "v1-" + Integer.toHexString(hashCode() & 0xfffffff);
  }
}
