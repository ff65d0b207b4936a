/** The report's inline stylesheet: system fonts only (nothing to fetch), tabular figures, Okabe–Ito evidence tints. */
export const STYLE = `
:root {
  --ink: #1b1f24; --muted: #5b6570; --rule: #d9dee3; --soft: #f4f6f8; --accent: #0072B2;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
html { background: #fff; color: var(--ink); }
body { margin: 0; font: 15px/1.55 var(--sans); }
main { max-width: 1140px; margin: 0 auto; padding: 32px 28px 8px; }
footer { max-width: 1140px; margin: 0 auto; padding: 16px 28px 40px; color: var(--muted); font-size: 13px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 8px; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 24px 0 8px; }
h3 small { font-weight: normal; color: var(--muted); }
p.lede { font-size: 17px; margin: 0 0 12px; max-width: 62em; }
p.intro { color: var(--muted); max-width: 62em; margin: 0 0 14px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 13px; color: var(--muted); }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; font-family: var(--mono); overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 24px 0 8px; }
.card { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.card-label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.card-value { font-size: 28px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card-extra { font-size: 12px; color: var(--muted); min-height: 1.2em; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 14px; margin: 4px 0 8px; }
th, td { padding: 5px 9px; vertical-align: top; text-align: right; border-bottom: 1px solid var(--rule); white-space: nowrap; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); border-bottom: 2px solid var(--ink); }
th.key { text-align: left; }
tbody tr:nth-child(even) { background: var(--soft); }
tbody th { font-weight: 600; }
.ci { color: var(--muted); font-size: 12px; }
td .ci { display: block; line-height: 1.2; }
nav { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 14px 0 0; font-size: 14px; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
.tag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 9px; background: #e6f1f8; color: #004a75; }
table.thresholds td:last-child { text-align: left; }
.swatch { vertical-align: middle; margin-right: 6px; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 20px; padding: 0; margin: 8px 0; font-size: 14px; }
.row { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 8px 0 16px; flex: 1 1 480px; max-width: 100%; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; max-width: 60em; }
svg text { font-family: var(--sans); fill: var(--ink); }
svg .tick { font-size: 11px; fill: var(--muted); }
svg .tick.sub { font-size: 10px; }
svg .axis-title { font-size: 12px; font-weight: 600; }
svg .grid { stroke: #e8ebee; stroke-width: 1; }
svg .frame { fill: none; stroke: #9aa3ab; stroke-width: 1; }
svg .reference { stroke: #7a838c; stroke-width: 1.25; stroke-dasharray: 4 4; }
svg .hist { fill: #c9ced3; }
svg .whisker { stroke: #3d444b; stroke-width: 1; fill: none; }
svg .na { font-size: 12px; fill: var(--muted); }
svg .cell { stroke: #fff; stroke-width: 2; }
svg .cell.diag { stroke: #1b1f24; stroke-width: 2; }
svg .count { font-size: 16px; font-weight: 650; font-variant-numeric: tabular-nums; }
svg .share { font-size: 11px; }
svg text.light { fill: #fff; }
.posts { display: grid; gap: 10px; }
article.post { border: 1px solid var(--rule); border-left: 4px solid var(--accent); border-radius: 6px; padding: 10px 14px; }
article.post.fp { border-left-color: #D55E00; }
.post-head { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: var(--muted); }
.post-head .score { font-weight: 700; color: var(--ink); font-variant-numeric: tabular-nums; }
.post-head .id { font-family: var(--mono); }
p.post-text { margin: 6px 0; font-size: 16px; line-height: 1.7; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
p.post-text[dir="rtl"] { font-size: 18px; }
ul.evidence { margin: 4px 0 0; padding: 0; list-style: none; font-size: 13px; color: var(--muted); }
ul.evidence code { font-family: var(--mono); color: var(--ink); }
p.none { color: var(--muted); }
mark.ev, span.ev { color: inherit; border-radius: 3px; padding: 0 2px; border-bottom-width: 2px; border-bottom-style: solid; }
span.ev { font-size: 12px; }
.ev-recruitment { background: rgba(230, 159, 0, 0.22); border-color: #E69F00; }
.ev-incitement { background: rgba(213, 94, 0, 0.20); border-color: #D55E00; }
.ev-glorification { background: rgba(204, 121, 167, 0.24); border-color: #CC79A7; }
.ev-dissemination { background: rgba(0, 114, 178, 0.16); border-color: #0072B2; }
.ev-news { background: rgba(0, 158, 115, 0.18); border-color: #009E73; }
.ev-counter_speech { background: rgba(86, 180, 233, 0.22); border-color: #56B4E9; }
.ev-religious { background: rgba(120, 120, 120, 0.16); border-color: #777; }
.ev-unknown { background: rgba(240, 228, 66, 0.30); border-color: #b8a900; }
.ev-negated { border-bottom-style: dashed; text-decoration: line-through; text-decoration-color: rgba(0, 0, 0, 0.45); }
@media print { main { max-width: none; } h2 { break-after: avoid; } figure, article.post { break-inside: avoid; } }
`;
