// The card's stylesheet: A4 portrait, 12 mm margins, fonts that shape Devanagari and Tamil.
export const STYLE = `
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: 'Noto Sans', 'Noto Sans Devanagari', 'Noto Sans Tamil', 'Nirmala UI', 'Mangal', 'Latha', sans-serif; font-size: 8.5pt; color: #1a1a1a; line-height: 1.35; }
.sheet { width: 210mm; max-width: 100%; margin: 0 auto; padding: 12mm; }
@media print { .sheet { width: auto; padding: 0; } }
header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 1.5pt solid #23527c; padding-bottom: 2mm; margin-bottom: 3mm; }
h1 { font-size: 15pt; margin: 0; color: #23527c; }
h2 { font-size: 10pt; margin: 4mm 0 1.5mm; color: #23527c; break-after: avoid; }
.school { font-size: 10pt; font-weight: 600; text-align: right; }
.sub { font-size: 7pt; color: #555; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.5pt solid #9aa5b1; padding: 1mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
th { background: #eef3f8; font-weight: 600; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.info th { width: 22%; }
.grid col.param-col { width: 30%; }
.grid th.term { text-align: center; }
.grid th.rater { font-size: 6.5pt; text-align: center; padding: 0.6mm 0.3mm; }
.grid tr.area th { background: #dde8f2; }
.lvl { text-align: center; font-size: 6.5pt; padding: 0.6mm 0.3mm; }
.lvl .icon { display: block; margin: 0 auto 0.3mm; }
.lvl .label { display: block; }
.lvl .note { display: block; color: #666; font-size: 5.5pt; }
.lvl.empty { color: #aaa; }
.flag { color: #b3261e; margin-left: 1mm; }
.fallback { text-decoration: underline dotted #8a94a0; text-underline-offset: 2px; }
.legend { margin: 1.5mm 0; }
.legend-item { display: inline-flex; align-items: center; gap: 1mm; margin-right: 4mm; }
.term-head { font-weight: 600; margin-bottom: 1mm; }
.empty { color: #999; }
p { margin: 0 0 1mm; }
ul { margin: 0; padding-left: 4mm; }
.block { break-inside: avoid; }
.sign-line { height: 9mm; border-bottom: 0.5pt solid #333; }
footer { margin-top: 3mm; font-size: 6.5pt; color: #666; display: flex; justify-content: space-between; gap: 4mm; }
`;
