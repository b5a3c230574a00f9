package io.huntlake.intel;

import java.io.Serializable;
import java.util.TreeSet;

/**
 * A range of addresses a cloud provider publishes as its own, with what it serves.
 *
 * @param range the range in stored form ({@code 3.5.140.0/22})
 * @param provider the name it was loaded under ({@code aws}, {@code azure}...)
 * @param service what the provider says uses it ({@code EC2}, {@code AzureCloud}); null if unsaid
 * @param region where; null when the provider does not say
 */
public record AddressRange(String range, String provider, String service, String region)
    implements Serializable {

  /** The same range listed twice (AWS lists EC2's ranges under AMAZON too): both services named. */
  AddressRange mergedWith(AddressRange other) {
    TreeSet<String> services = new TreeSet<>();
    for (String named : new String[] {service, other.service}) {
      if (named != null) {
        services.addAll(java.util.List.of(named.split(", ")));
      }
    }
    return new AddressRange(
        range,
        provider,
        services.isEmpty() ? null : String.join(", ", services),
        region != null ? region : other.region);
  }
}
