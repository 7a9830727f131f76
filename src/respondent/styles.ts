/**
 * The respondent pages' inline stylesheet, mobile first. Colours meet WCAG 2.1 AA: body text
 * #1a1f2b and hints #4b5563 on white (≥ 7:1), errors #a4161a (≥ 7:1), control borders #5b6472
 * (≥ 5:1 against white, above the 3:1 for non-text contrast), a 3 px #c2410c focus ring (≥ 5:1 on
 * white and on #f6f7f9). Buttons are at least 44 × 44 px (2.75rem) and nothing scrolls sideways
 * from 320 px up: a scale fills as many 44 px columns as fit; 7–11 points wrap in two balanced rows
 * (`k4`–`k6` = columns), 6 and 11 points in shorter rows below 22rem; from 40rem every scale sits
 * in one row. A checked button is filled
 * and bold (not colour alone). `.vh` hides visually but not from screen readers; `.hp` moves the
 * honeypot off screen (bots fill fields that are merely off screen, not `display: none`).
 */
export const RESPONDENT_STYLES = `*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1f2b;background:#f6f7f9;-webkit-text-size-adjust:100%}
body{margin:0}
main{max-width:40rem;margin:0 auto;padding:.5rem 1rem 2rem}
header{max-width:40rem;margin:0 auto;padding:0 1rem;text-align:right}
header a{display:inline-block;min-height:2.75rem;padding:.625rem .5rem;color:#1d3557}
header a[aria-current]{font-weight:700;text-decoration:none}
h1{font-size:1.5rem;line-height:1.25;margin:.75rem 0}
h2{font-size:1.25rem;line-height:1.3;margin:1.25rem 0 .5rem}
a{color:#1d3557}
.pg{margin:.5rem 0 .25rem;font-size:.9375rem;color:#4b5563}
progress{display:block;width:100%;height:.5rem;accent-color:#1d3557}
.q{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:.75rem;margin:1rem 0}
.q:has(.err){border-color:#a4161a;border-left:5px solid #a4161a}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,.ql{display:block;padding:0;margin:0 0 .5rem;font-weight:600}
.req{font-weight:400;color:#4b5563}
.hint{color:#4b5563;margin:0 0 .5rem;font-size:.9375rem}
.js .nojs{display:none}
.err{color:#a4161a;font-weight:700;margin:0 0 .5rem}
.s{display:grid;gap:.25rem;grid-template-columns:repeat(auto-fit,minmax(2.75rem,1fr))}
.k4{grid-template-columns:repeat(4,1fr)}
.k5{grid-template-columns:repeat(5,1fr)}
.k6{grid-template-columns:repeat(6,1fr)}
.t{grid-template-columns:1fr}
.o{position:relative;display:block}
.o input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.o label{display:flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;padding:.25rem .5rem;border:1px solid #5b6472;border-radius:.375rem;background:#fff;text-align:center;font-variant-numeric:tabular-nums}
.o input:checked+label{background:#1d3557;border-color:#1d3557;color:#fff;font-weight:700;box-shadow:inset 0 0 0 2px #fff}
.o input:focus-visible+label,:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
.o input[aria-invalid]+label{border-color:#a4161a}
.ends{display:flex;justify-content:space-between;gap:1rem;margin-top:.25rem;font-size:.875rem;color:#4b5563}
.ends span:last-child{text-align:right}
.na{margin-top:.5rem}
.ch{display:flex;flex-wrap:wrap;gap:.5rem}
.ch label{border-radius:1.375rem;padding:.25rem .875rem}
.c{display:flex;align-items:flex-start;gap:.75rem}
.c input{flex:none;width:1.5rem;height:1.5rem;margin:.625rem 0;accent-color:#1d3557}
.c label{flex:1;min-height:2.75rem;padding:.5rem 0}
.oth{margin:0 0 .5rem 2.25rem}
.r{margin:.75rem 0 0}
.r legend,.r label{font-weight:400;margin-bottom:.25rem}
.rk{display:flex;align-items:center;justify-content:space-between;gap:.75rem}
input[type=text],textarea,select{display:block;width:100%;min-height:2.75rem;padding:.5rem .625rem;font:inherit;color:inherit;background:#fff;border:1px solid #5b6472;border-radius:.375rem}
textarea{min-height:8rem;resize:vertical}
.num{max-width:8rem}
.rk select{width:auto;min-width:6rem}
[aria-invalid=true]{border-color:#a4161a;border-width:2px}
.es{border:3px solid #a4161a;background:#fff;border-radius:.5rem;padding:1rem;margin:1rem 0}
.es h2{margin-top:0}
.es ul{margin:0;padding-left:1.25rem}
.es a{color:#a4161a;font-weight:700}
.nav{display:flex;flex-direction:row-reverse;justify-content:space-between;gap:1rem;margin:1.5rem 0 .75rem}
button{min-height:2.75rem;padding:.5rem 1.5rem;font:inherit;font-weight:600;color:#fff;background:#1d3557;border:2px solid #1d3557;border-radius:.375rem;cursor:pointer}
button[value=back]{color:#1d3557;background:#fff}
.sv{font-size:.875rem;color:#4b5563}
.vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.hp{position:absolute;left:-100vw;width:1px;overflow:hidden}
@media (max-width:22rem){.k3{grid-template-columns:repeat(3,1fr)}.k6{grid-template-columns:repeat(4,1fr)}}
@media (min-width:36rem){main{padding:1rem 1.5rem 3rem}.q{padding:1rem}.t{grid-template-columns:repeat(3,1fr)}}
@media (min-width:40rem){.s:not(.t){grid-auto-flow:column;grid-template-columns:none;grid-auto-columns:1fr}}
`;
