/**
 * The inline script that improves the survey page when JavaScript runs; the page works fully without
 * it (plain form posts). It reads everything from the markup:
 * - the form (`form[data-p]`): `data-p` / `data-ps` page and pages, `data-rq` required message,
 *   `data-rg` range message with `{min}` / `{max}`, `data-et` error summary heading, `data-sd` "saved";
 * - each question `.q[data-q]`: `data-req`, `data-all`, `data-c`, `data-if` (see `questionMarkup`).
 * Behaviours:
 * - shows/hides questions whose `data-if` condition reads answers on this page (same semantics as
 *   `evaluateCondition`; a hidden question counts as unanswered), and adds `js` to `<html>`;
 * - progress bar: (page − 1 + answered / shown questions on this page) / pages;
 * - on Next/Submit (not Back): required and number-range checks, rendering the same error summary
 *   (`#es`, `role="alert"`, links to `#q-<id>`) and inline errors (`.err#e-<id>` before `.ctl`,
 *   `aria-invalid`, `aria-describedby`) as the server; the post is stopped only when a check fails;
 * - save as you go: 1 s after the last change, POST the form (urlencoded) to the form's action with
 *   `x-save-partial: 1`; a pending save is flushed on `pagehide`; failures are ignored;
 * - typing an "other" text ticks the "other" choice.
 * Any error thrown leaves the native form post in place. The source lines are joined (every
 * statement ends with `;` or `}`), keeping it under 3 KB.
 */
export const PROGRESSIVE_SCRIPT: string = `(()=>{
const D=document,I=x=>D.getElementById(x),f=D.querySelector('form[data-p]');if(!f)return;
const d=f.dataset,A=(e,s)=>[...e.querySelectorAll(s)],Q=A(f,'.q'),C='input,select,textarea',B='aria-describedby',pr=D.querySelector('progress'),L=(n,h)=>f.addEventListener(n,h);let t=0;
Q.forEach(q=>{q.i=q.dataset.q;if(q.dataset.if)q.c=JSON.parse(q.dataset.if)});
const H=(q,k)=>q.dataset[k]!=null,on=i=>/^(radio|checkbox)$/.test(i.type)?i.checked:!!i.value.trim(),N=e=>A(e,C).some(on);
const V=id=>{const q=Q.find(q=>q.i==id);if(!q||q.hidden)return[];const v=[...f.elements].filter(i=>i.name=='q:'+id&&on(i)).map(i=>i.value);if(!v.length&&H(q,'c'))v.push('false');return v};
const ev=c=>c.all?c.all.every(ev):c.any?c.any.some(ev):c.not?!ev(c.not):((v,o,x)=>{const a=v.length,eq=y=>v.some(i=>i==String(y)),n=+v[0];return o=='answered'?a:o=='notAnswered'?!a:!a?!1:o=='eq'?eq(x):o=='neq'?!eq(x):o=='in'?x.some(eq):o=='lt'?n<x:o=='lte'?n<=x:o=='gt'?n>x:n>=x})(V(c.question),c.op,c.value);
const U=()=>{Q.forEach(q=>{if(q.c)q.hidden=!ev(q.c)});const v=Q.filter(q=>!q.hidden);if(pr)pr.value=(d.p-1+(v.length?v.filter(N).length/v.length:1))/d.ps*100};
const G=(q,add)=>{const g=q.querySelector('[data-d]'),e='e-'+q.i;if(!g)return;const v=(g.getAttribute(B)||'').split(' ').filter(x=>x&&x!=e);if(add)v.push(e);v.length?g.setAttribute(B,v.join(' ')):g.removeAttribute(B)};
const el=(n,x)=>{const e=D.createElement(n);if(x)e.textContent=x;return e};
const S=()=>{clearTimeout(t);t=0;fetch(f.getAttribute('action'),{method:'POST',body:new URLSearchParams(new FormData(f)),headers:{'x-save-partial':'1'},keepalive:true}).then(r=>r.ok&&(I('sv').textContent=d.sd)).catch(()=>{})};
L('change',()=>{U();clearTimeout(t);t=setTimeout(S,1000)});
L('input',e=>{const i=e.target,o=i.classList.contains('ot')&&i.value.trim()&&i.closest('.q').querySelector('[value=_other]');if(o&&!o.checked){o.checked=true;U()}});
addEventListener('pagehide',()=>t&&S());
L('submit',e=>{clearTimeout(t);t=0;if(e.submitter?.value=='back')return;const E=[];
Q.forEach(q=>{A(q,'.err').forEach(p=>p.remove());A(q,'[aria-invalid]').forEach(i=>i.removeAttribute('aria-invalid'));G(q);if(q.hidden)return;let m;
if(H(q,'req')&&!(H(q,'all')?A(q,'.r').every(N):N(q)))m=d.rq;
A(q,'[data-min]').forEach(i=>{const s=i.value.trim(),a=i.dataset.min,z=i.dataset.max;if(s&&!(/^-?\\d+$/.test(s)&&+s>=+a&&+s<=+z))m=d.rg.replace('{min}',a).replace('{max}',z)});
if(m){E.push([q,m]);const p=el('p',m);p.className='err';p.id='e-'+q.i;q.querySelector('.ctl').before(p);A(q,C).forEach(i=>i.setAttribute('aria-invalid','true'));G(q,1)}});
if(!E.length)return;e.preventDefault();let s=I('es');
if(!s){s=el('div');s.id='es';s.className='es';s.setAttribute('role','alert');s.tabIndex=-1;f.before(s)}
const u=el('ul');E.forEach(([q,m])=>{const l=el('li'),a=el('a',m+': '+q.querySelector('.qt').textContent);a.href='#q-'+q.i;l.append(a);u.append(l)});
s.replaceChildren(el('h2',d.et),u);s.focus()});
U();D.documentElement.className+=' js';const s=I('es');if(s)s.focus()
})()`.replaceAll('\n', '');
