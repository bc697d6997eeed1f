package dev.keel.report.html;

import dev.keel.report.chart.ChartStyle;
import dev.keel.report.model.Outcome;

/** The page's stylesheet, inline: system fonts only, nothing fetched. */
final class Styles {
    private Styles() {
    }

    static String css() {
        StringBuilder outcomes = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            String c = ChartStyle.cssColor(o);
            outcomes.append(".o-").append(o.token()).append("{background:").append(c).append("}\n")
                    .append(".badge.o-").append(o.token()).append("{background:").append(c).append("}\n")
                    .append(".card.o-").append(o.token()).append("{background:#fff;border-top:4px solid ").append(c)
                    .append("}\n");
        }
        return BASE + outcomes;
    }

    private static final String BASE = """
            :root{--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--soft:#f6f8fa;--accent:#2b4c7e}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
            header.top{background:#1f2d3d;color:#fff;padding:28px 0 20px}
            header.top .wrap{display:block}
            header.top h1{margin:0 0 4px;font-size:26px;font-weight:600;letter-spacing:-.01em}
            header.top p.lead{margin:0 0 14px;color:#c9d3de}
            header.top dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:6px 22px;margin:0}
            header.top dt{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:#9fb0c2}
            header.top dd{margin:0;font-size:14px;overflow-wrap:anywhere}
            nav.toc{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line)}
            nav.toc .wrap{display:flex;flex-wrap:wrap;gap:2px 18px;padding:8px 24px}
            nav.toc a{color:var(--muted);text-decoration:none;font-size:13px}
            nav.toc a:hover{color:var(--accent)}
            .wrap{max-width:1180px;margin:0 auto;padding:0 24px}
            main section{padding:26px 0 8px;border-bottom:1px solid var(--line)}
            main section:last-child{border-bottom:0}
            h2{font-size:20px;margin:0 0 6px;font-weight:600}
            h3{font-size:16px;margin:18px 0 6px;font-weight:600}
            p.intro{color:var(--muted);margin:0 0 14px;max-width:880px}
            .muted{color:var(--muted)}
            a{color:var(--accent)}
            code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
            pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:10px 12px;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere}
            .cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin:12px 0 18px}
            .card{border:1px solid var(--line);border-radius:8px;padding:10px 14px}
            .card .n{font-size:26px;font-weight:600}
            .card .l{color:var(--muted);font-size:13px}
            .split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px;align-items:start}
            .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:18px}
            figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px;background:#fff}
            figure img{display:block;max-width:100%;height:auto}
            figcaption{font-size:13px;color:var(--muted);margin-top:6px}
            figcaption strong{color:var(--ink)}
            .callout{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px;background:var(--soft);padding:12px 16px;margin:12px 0}
            .callout.warn{border-left-color:#d55e00}
            .callout h3{margin-top:0}
            table{border-collapse:collapse;font-size:13.5px}
            th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            th{background:var(--soft);font-weight:600;white-space:nowrap}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .scroll{overflow-x:auto;max-width:100%}
            .badge{display:inline-block;color:#fff;border-radius:10px;padding:0 8px;font-size:12px;line-height:19px;font-weight:600}
            .badge.o-oscillating{color:#1f2328}
            .bar{display:flex;width:180px;height:12px;border-radius:3px;overflow:hidden;background:#eee;margin-top:4px}
            .bar span{display:block;height:100%}
            .legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:8px 0 0;padding:0;list-style:none;font-size:13px}
            .legend i{display:inline-block;width:18px;height:3px;vertical-align:middle;margin-right:6px}
            .legend i.dot{width:10px;height:10px;border-radius:50%}
            .legend i.dot.o-failed{border-radius:1px}
            .legend i.diamond{width:9px;height:9px;background:#111;transform:rotate(45deg)}
            td.outcome{white-space:nowrap}
            .tag{font-size:12px;color:var(--muted)}
            #trial-filter{display:flex;gap:10px;align-items:center;margin:0 0 10px;font-size:13px}
            #trial-filter[hidden]{display:none}
            #trial-filter input,#trial-filter select{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:4px}
            #trial-table th button{all:unset;cursor:pointer}
            #trial-table th button:focus-visible{outline:2px solid var(--accent)}
            #trial-table th[aria-sort=ascending] button::after{content:" \\25B2";font-size:10px}
            #trial-table th[aria-sort=descending] button::after{content:" \\25BC";font-size:10px}
            #trial-table tbody tr:hover{background:#f9fbfd}
            article.trial{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:14px 0;scroll-margin-top:48px}
            article.trial:target{box-shadow:0 0 0 3px #9ec5fe}
            article.trial h3{margin:0 0 6px}
            .trial-body{display:grid;grid-template-columns:440px minmax(0,1fr);gap:18px}
            .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 8px;font-size:13.5px}
            .facts dt{color:var(--muted)}
            .facts dd{margin:0;overflow-wrap:anywhere}
            ul.findings{margin:6px 0;padding-left:18px}
            ul.findings li{margin:2px 0}
            .evidence{color:var(--muted)}
            .params{font-size:12.5px;color:var(--muted)}
            .params b{color:var(--ink);font-weight:600}
            .up{font-size:12px}
            footer{color:var(--muted);font-size:12px;padding:18px 0 30px}
            @media (max-width:900px){.split,.trial-body{grid-template-columns:1fr}.cards{grid-template-columns:repeat(2,1fr)}}
            @media print{nav.toc{position:static}#trial-filter{display:none}}
            """;
}
