package io.huntlake.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.huntlake.error.HuntlakeException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HuntFilesTest {
  private static final String HEADER =
      """
      -- title: Secrets read by one identity
      -- purpose: What it read,
      --   and from where.
      -- attack: T1552.007, T1613
      -- param: day date : the last day
      -- param: days int = 1 : how many days
      -- param: user string = % : identities (LIKE)
      """;

  @Test
  void readsTheHeaderWithContinuedLinesAndDefaults() {
    Hunt hunt =
        HuntFiles.parse(
            "secrets_by_user",
            HEADER
                + "SELECT * FROM audit_requests WHERE event_date BETWEEN date_sub(${day},"
                + " ${days} - 1) AND ${day} AND user_name LIKE ${user}",
            "hunts/secrets_by_user.sql");
    assertThat(hunt.title()).isEqualTo("Secrets read by one identity");
    assertThat(hunt.purpose()).isEqualTo("What it read, and from where.");
    assertThat(hunt.attack()).containsExactly("T1552.007", "T1613");
    assertThat(hunt.parameters())
        .containsExactly(
            new HuntParameter("day", "date", Optional.empty(), "the last day"),
            new HuntParameter("days", "int", Optional.of("1"), "how many days"),
            new HuntParameter("user", "string", Optional.of("%"), "identities (LIKE)"));
    assertThat(hunt.render(Map.of("day", "2026-11-08", "user", "o'brien")))
        .endsWith(
            "BETWEEN date_sub(DATE'2026-11-08', 1 - 1) AND DATE'2026-11-08' AND user_name LIKE"
                + " 'o\\'brien'");
  }

  @Test
  void valuesAreCheckedAgainstTheirType() {
    Hunt hunt = HuntFiles.parse("h", HEADER + "SELECT ${day}, ${days}, ${user}", "hunts/h.sql");
    assertThatThrownBy(() -> hunt.render(Map.of("day", "yesterday")))
        .hasMessageContaining("'day' = 'yesterday' is not a valid date")
        .hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> hunt.render(Map.of("day", "2026-11-08", "days", "1; DROP")))
        .hasMessageContaining("is not a valid int");
    assertThatThrownBy(() -> hunt.render(Map.of()))
        .hasMessageContaining("needs the parameter 'day'")
        .hasMessageContaining("the last day");
    assertThatThrownBy(() -> hunt.render(Map.of("day", "2026-11-08", "dys", "2")))
        .hasMessageContaining("has no parameter 'dys'");
    HuntParameter at = new HuntParameter("at", "timestamp", Optional.empty(), "when");
    assertThat(at.literal("2026-11-08T15:57:50Z")).isEqualTo("TIMESTAMP'2026-11-08T15:57:50Z'");
  }

  @Test
  void aBrokenHeaderFailsWhenTheCatalogueLoadsNamingTheFileAndTheFix() {
    assertInvalid("-- purpose: p\n-- attack: T1609\nSELECT 1", "the header has no 'title'");
    assertInvalid(
        "-- title: t\n-- purpose: p\n-- attack: T1609\nSELECT ${day}",
        "the query uses ${day} but the header does not declare it");
    assertInvalid(
        "-- title: t\n-- purpose: p\n-- attack: T1609\n-- param: day date : d\nSELECT 1",
        "declares 'day' but the query never uses it");
    assertInvalid(
        "-- title: t\n-- purpose: p\n-- attack: 1609\nSELECT 1", "'1609' is not an ATT&CK");
    assertInvalid(
        "-- title: t\n-- purpose: p\n-- attack: none\n-- param: day datum : d\nSELECT ${day}",
        "is not NAME TYPE [= DEFAULT] : MEANING");
    assertInvalid(
        "-- title: t\n-- purpose: p\n-- attack: none\n-- param: n int = x : d\nSELECT ${n}",
        "the default of 'n' is not a int");
    assertInvalid("-- title: t\n-- owner: me\nSELECT 1", "'owner' is not a header key");
  }

  @Test
  void everyBuiltInHuntLoads() {
    HuntCatalogue catalogue = HuntCatalogue.builtIn();
    assertThat(catalogue.hunts())
        .extracting(Hunt::name)
        .contains(
            "exec_sessions",
            "secret_access",
            "rbac_changes",
            "service_account_sources",
            "first_seen_user_agents",
            "external_egress",
            "ip_owner_at",
            "entity_timeline");
    assertThatThrownBy(() -> catalogue.require("exec_session"))
        .hasMessageContaining("There is no hunt 'exec_session'")
        .hasMessageContaining("exec_sessions");
  }

  private static void assertInvalid(String text, String why) {
    assertThatThrownBy(() -> HuntFiles.parse("broken", text, "hunts/broken.sql"))
        .isInstanceOf(HuntlakeException.class)
        .hasMessageContaining("Hunt hunts/broken.sql is not valid")
        .hasMessageContaining(why);
  }
}
