/**
 * The feedback widget a website or product embeds:
 *   <script src="https://rapport.example.com/widget.js" data-survey="SURVEY_ID" data-lang="en" defer></script>
 * It adds a "Feedback" button that opens a dialog with the likelihood-to-recommend scale (0–10) and a
 * comment, and posts them to /api/v1/widget/SURVEY_ID/responses. Everything it shows is built with DOM
 * calls (no innerHTML), so nothing from the page or the server is ever parsed as markup.
 */
export const WIDGET_SCRIPT = `(() => {
  const me = document.currentScript;
  if (!me) return;
  const survey = me.dataset.survey;
  const lang = me.dataset.lang === 'it' ? 'it' : 'en';
  const api = new URL('/api/v1/widget/' + encodeURIComponent(survey) + '/responses', me.src).toString();
  const t = {
    en: { open: 'Feedback', title: 'How likely are you to recommend us to a colleague?', low: 'Not at all likely', high: 'Extremely likely', comment: 'What is the main reason for your score?', send: 'Send', close: 'Close', thanks: 'Thank you for your feedback.', error: 'Sorry, your feedback could not be sent. Please try again.', pick: 'Please choose a score.' },
    it: { open: 'Feedback', title: 'Quanto è probabile che ci consigli a un collega?', low: 'Per niente probabile', high: 'Estremamente probabile', comment: 'Qual è il motivo principale del suo punteggio?', send: 'Invia', close: 'Chiudi', thanks: 'Grazie per il suo feedback.', error: 'Non è stato possibile inviare il feedback. Riprovi.', pick: 'Scelga un punteggio.' },
  }[lang];
  const el = (tag, props, ...children) => { const n = Object.assign(document.createElement(tag), props || {}); n.append(...children); return n; };
  const button = el('button', { type: 'button', textContent: t.open });
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:.6rem 1rem;border:0;border-radius:.4rem;background:#1d3557;color:#fff;font:600 1rem system-ui,sans-serif;cursor:pointer';
  const dialog = el('dialog', { 'aria-labelledby': 'rapport-widget-title' });
  dialog.setAttribute('aria-labelledby', 'rapport-widget-title');
  dialog.style.cssText = 'max-width:32rem;width:calc(100% - 2rem);border:1px solid #6b7280;border-radius:.5rem;font:1rem/1.5 system-ui,sans-serif;color:#1a1f2b';
  const form = el('form', { method: 'dialog' });
  const legend = el('legend', { id: 'rapport-widget-title', textContent: t.title });
  const scale = el('fieldset', {}, legend);
  scale.style.cssText = 'border:0;padding:0;margin:0 0 1rem';
  const row = el('div');
  row.style.cssText = 'display:flex;flex-wrap:wrap;gap:.25rem;margin:.5rem 0';
  for (let i = 0; i <= 10; i++) {
    const id = 'rapport-widget-nps-' + i;
    const input = el('input', { type: 'radio', name: 'nps', value: String(i), id });
    const label = el('label', { htmlFor: id, textContent: String(i) });
    label.style.cssText = 'display:inline-flex;align-items:center;gap:.2rem;min-width:2.75rem;min-height:2.75rem;justify-content:center;border:1px solid #6b7280;border-radius:.25rem';
    label.prepend(input);
    row.append(label);
  }
  scale.append(row, el('small', { textContent: '0 = ' + t.low + ', 10 = ' + t.high }));
  const commentLabel = el('label', { htmlFor: 'rapport-widget-comment', textContent: t.comment });
  const comment = el('textarea', { id: 'rapport-widget-comment', rows: 3, maxLength: 2000 });
  comment.style.cssText = 'width:100%;box-sizing:border-box;font:inherit';
  const status = el('p', { role: 'status' });
  const send = el('button', { type: 'submit', textContent: t.send });
  const close = el('button', { type: 'button', textContent: t.close });
  close.addEventListener('click', () => dialog.close());
  form.append(scale, commentLabel, comment, status, send, ' ', close);
  dialog.append(form);
  const key = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  let idempotency = key();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = form.querySelector('input[name=nps]:checked');
    if (!picked) { status.textContent = t.pick; return; }
    send.disabled = true;
    try {
      const response = await fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotency },
        body: JSON.stringify({ nps: Number(picked.value), comment: comment.value, language: lang, pageUrl: location.href }),
      });
      if (!response.ok) throw new Error(String(response.status));
      status.textContent = t.thanks;
      idempotency = key();
      form.reset();
    } catch {
      status.textContent = t.error;
    } finally {
      send.disabled = false;
    }
  });
  button.addEventListener('click', () => dialog.showModal());
  document.body.append(button, dialog);
})();`;
