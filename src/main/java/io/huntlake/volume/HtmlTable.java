package io.huntlake.volume;

import java.util.ArrayList;
import java.util.List;

/**
 * A sortable HTML table: numeric cells carry their exact value in {@code data-value}, which both
 * the page's sorting script and the tests read, while the cell shows it rounded with units.
 */
final class HtmlTable {
  private final String id;
  private final List<String> headers;
  private final List<String> rows = new ArrayList<>();
  private StringBuilder row;

  HtmlTable(String id, String... headers) {
    this.id = id;
    this.headers = List.of(headers);
  }

  /** Starts a row; {@code rowId} (may be null) makes it a link target. */
  HtmlTable row(String rowId) {
    finish();
    row = new StringBuilder(rowId == null ? "<tr>" : "<tr id=\"" + Html.escape(rowId) + "\">");
    return this;
  }

  HtmlTable text(String text) {
    row.append("<td>").append(Html.escape(text)).append("</td>");
    return this;
  }

  /** A cell of trusted markup (a link the report built). */
  HtmlTable markup(String html, String sortText) {
    row.append("<td data-value=\"")
        .append(Html.escape(sortText))
        .append("\">")
        .append(html)
        .append("</td>");
    return this;
  }

  /** A number shown as {@code shown}, sorted by {@code value}; null shows {@code shown} last. */
  HtmlTable number(Double value, String shown) {
    row.append("<td class=\"num\" data-value=\"")
        .append(
            value == null
                ? ""
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString())
        .append("\">")
        .append(Html.escape(shown))
        .append("</td>");
    return this;
  }

  HtmlTable bytes(double value) {
    return number(value, Units.bytes(value));
  }

  HtmlTable count(long value) {
    return number((double) value, Units.count(value));
  }

  String render() {
    finish();
    StringBuilder html =
        new StringBuilder(
            "<div class=\"scroll\"><table class=\"sortable\" id=\""
                + Html.escape(id)
                + "\"><thead><tr>");
    for (String header : headers) {
      html.append("<th scope=\"col\" title=\"click to sort\">")
          .append(Html.escape(header))
          .append("</th>");
    }
    html.append("</tr></thead><tbody>");
    rows.forEach(html::append);
    return html.append("</tbody></table></div>").toString();
  }

  private void finish() {
    if (row != null) {
      rows.add(row.append("</tr>").toString());
      row = null;
    }
  }
}
