import { html, SafeHtml } from './html.ts';

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1f2b}
body{margin:0;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:.75rem 1.25rem;display:flex;justify-content:space-between;align-items:center}
header a,header button{color:#fff}
main{max-width:60rem;margin:1.5rem auto;padding:0 1.25rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.5rem .75rem;border-bottom:1px solid #d8dce3}
th{background:#eef1f5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
form.card{background:#fff;padding:1.25rem;max-width:24rem;border:1px solid #d8dce3;border-radius:.5rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;border:1px solid #6b7280;border-radius:.25rem}
button{font:inherit;padding:.5rem 1rem;margin-top:1rem;background:#1d3557;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
header button{margin:0;background:transparent;border:1px solid #fff}
:focus-visible{outline:3px solid #f4a261;outline-offset:2px}
.error{color:#9b1c1c;font-weight:600}
`;

export function page(title: string, body: SafeHtml, header: SafeHtml = html``): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Rapport</title><style>${new SafeHtml(STYLE)}</style></head>
<body><header><strong>Rapport</strong>${header}</header><main>${body}</main></body></html>`.value;
}
