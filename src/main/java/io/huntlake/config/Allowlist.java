package io.huntlake.config;

import java.util.List;

/**
 * Patterns whose rule matches are lowered to severity info, the entry that applied recorded in the
 * finding. Globs ({@code *} matches anything) for names; CIDR ranges for addresses.
 *
 * @param identities user names (audit user.username), e.g. {@code system:serviceaccount:ci:*}
 * @param namespaces namespaces of the matched events
 * @param images container images, e.g. {@code ghcr.io/corp/*}
 * @param cidrs API client addresses (audit) and flow destinations
 * @param userAgents user agents, e.g. {@code argocd-application-controller/*}
 */
public record Allowlist(
    List<String> identities,
    List<String> namespaces,
    List<String> images,
    List<String> cidrs,
    List<String> userAgents)
    implements java.io.Serializable {

  /** The config field names below detect.allow and detect.suppress.RULE_ID, in record order. */
  public static final List<String> FIELDS =
      List.of("identities", "namespaces", "images", "cidrs", "user_agents");

  public static final Allowlist NONE =
      new Allowlist(List.of(), List.of(), List.of(), List.of(), List.of());

  public Allowlist {
    identities = List.copyOf(identities);
    namespaces = List.copyOf(namespaces);
    images = List.copyOf(images);
    cidrs = List.copyOf(cidrs);
    userAgents = List.copyOf(userAgents);
  }

  public boolean isEmpty() {
    return identities.isEmpty()
        && namespaces.isEmpty()
        && images.isEmpty()
        && cidrs.isEmpty()
        && userAgents.isEmpty();
  }
}
