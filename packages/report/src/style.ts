/** The report's stylesheet: readable on screen and on paper, no external fonts. */
export const reportCss = `
:root { --ink: #1d2433; --muted: #5b6478; --line: #d9dee8; --accent: #1f5fa8; --warn: #a85a00; --bg-soft: #f4f6fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
.layout { display: grid; grid-template-columns: 260px minmax(0, 1fr); max-width: 1280px; margin: 0 auto; }
nav.toc { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 24px 16px; border-right: 1px solid var(--line); font-size: 13px; }
nav.toc ol { list-style: none; padding-left: 12px; margin: 4px 0; }
nav.toc > ol { padding-left: 0; }
nav.toc a { color: var(--ink); text-decoration: none; }
nav.toc a:hover { color: var(--accent); text-decoration: underline; }
main { padding: 24px 40px 64px; min-width: 0; }
header.title h1 { font-size: 26px; margin: 0 0 4px; }
header.title p { color: var(--muted); margin: 0 0 24px; }
h2 { font-size: 21px; margin: 40px 0 12px; padding-top: 8px; border-top: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 28px 0 10px; }
h4 { font-size: 15px; margin: 20px 0 8px; }
p { max-width: 78ch; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 20px; }
.figure { background: var(--bg-soft); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.figure .label { font-size: 12px; color: var(--muted); }
.figure .value { font-size: 22px; font-weight: 600; }
.figure .detail { font-size: 12px; color: var(--muted); }
.callout { border-left: 4px solid var(--accent); background: var(--bg-soft); padding: 8px 14px; margin: 12px 0; max-width: 78ch; }
.callout.warning { border-left-color: var(--warn); }
figure.table, figure.chart { margin: 16px 0 24px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
.note { font-size: 12.5px; color: var(--muted); margin-top: 6px; max-width: 90ch; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--bg-soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td:first-child { min-width: 14em; }
tbody tr:nth-child(even) td { background: #fafbfd; }
.chart svg { max-width: 100%; height: auto; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } nav.toc { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } main { padding: 16px; } }
@media print { nav.toc { display: none; } .layout { display: block; } h2 { break-before: page; } figure { break-inside: avoid; } }
`;
