package dev.keel.report.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's only script: sorts the trial table by a clicked header and filters its rows. Everything else
 * reads the same with scripts off. It carries no data, so nothing user-given ever sits inside a
 * {@code <script>}; its SHA-256 goes into the page's Content-Security-Policy, so no other script can run.
 */
final class TableScript {
    private TableScript() {
    }

    static final String SOURCE = """
            (function () {
              "use strict";
              var table = document.getElementById("trial-table");
              if (!table) { return; }
              var body = table.tBodies[0];
              var heads = table.tHead.rows[0].cells;
              var order = Array.prototype.slice.call(body.rows);
              function key(row, i) {
                var cell = row.cells[i];
                var v = cell.getAttribute("data-sort");
                return v === null ? cell.textContent.trim().toLowerCase() : v;
              }
              function compare(a, b, i, asc) {
                var x = key(a, i), y = key(b, i);
                if (x === "" && y !== "") { return 1; }
                if (y === "" && x !== "") { return -1; }
                var nx = Number(x), ny = Number(y);
                var r = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : x > y ? 1 : 0);
                return asc ? r : -r;
              }
              Array.prototype.forEach.call(heads, function (th, i) {
                var button = document.createElement("button");
                button.type = "button";
                while (th.firstChild) { button.appendChild(th.firstChild); }
                th.appendChild(button);
                button.addEventListener("click", function () {
                  var asc = th.getAttribute("aria-sort") !== "ascending";
                  Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
                  th.setAttribute("aria-sort", asc ? "ascending" : "descending");
                  var rows = order.slice();
                  rows.sort(function (a, b) { return compare(a, b, i, asc) || order.indexOf(a) - order.indexOf(b); });
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
              var bar = document.getElementById("trial-filter");
              if (!bar) { return; }
              var text = bar.querySelector("input");
              var outcome = bar.querySelector("select");
              var shown = bar.querySelector("output");
              function filter() {
                var q = text.value.trim().toLowerCase();
                var o = outcome.value;
                var n = 0;
                order.forEach(function (r) {
                  var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!o || r.getAttribute("data-outcome") === o);
                  r.hidden = !ok;
                  if (ok) { n++; }
                });
                shown.textContent = n + " of " + order.length + " trials";
              }
              text.addEventListener("input", filter);
              outcome.addEventListener("change", filter);
              bar.hidden = false;
              filter();
            })();
            """;

    /** The CSP source expression that allows exactly this script. */
    static String cspHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(SOURCE.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
