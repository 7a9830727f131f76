import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { randomizedOrder, surveyQuestions } from '../surveys/definition/index.ts';
import { relationshipSurveyTemplate } from '../surveys/library/index.ts';
import { questionTypesSurvey } from './questionTypesSurvey.ts';
import { renderSurveyPage, type SurveyPageInput } from './renderSurveyPage.ts';

type Tag = {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly index: number;
};

/** Start tags of our own markup (style and script bodies removed: they contain `<` and `>`). */
function tags(markup: string): Tag[] {
  const body = markup.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '');
  const found: Tag[] = [];
  for (const match of body.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/g)) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[2].matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)) {
      attributes[attribute[1]] = attribute[2] ?? '';
    }
    found.push({ name: match[1], attributes, index: match.index });
  }
  return found;
}

/** The markup of the wrapper `<div class="q" data-q="<id>">…</div>` (questions do not nest). */
function questionBlock(markup: string, id: string): string {
  const start = markup.indexOf(`<div class="q" data-q="${id}"`);
  if (start < 0) return '';
  const next = markup.indexOf('<div class="q" ', start + 1);
  const end = next < 0 ? markup.indexOf('<div class="hp">', start) : next;
  return markup.slice(start, end);
}

const decode = (text: string) =>
  text.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

const survey = questionTypesSurvey();

function render(overrides: Partial<SurveyPageInput> = {}): string {
  return renderSurveyPage({
    definition: survey,
    pageIndex: 0,
    language: 'en',
    answers: {},
    hidden: {},
    piping: {},
    errors: [],
    formAction: '/r/token-1',
    formFields: { token: 'token-1' },
    languages: [
      { code: 'en', href: '/r/token-1?lang=en' },
      { code: 'it', href: '/r/token-1?lang=it' },
    ],
    progress: { page: 1, pages: 3 },
    seed: 7,
    isLastPage: false,
    canGoBack: false,
    ...overrides,
  });
}

describe('renderSurveyPage: semantic markup', () => {
  const pages = [0, 1, 2].map((pageIndex) =>
    render({ pageIndex, hidden: { tier: 'key' }, answers: { nps: 3 } }),
  );

  it('labels every visible control with a <label for> that points at a unique id', () => {
    for (const markup of pages) {
      const all = tags(markup);
      const ids = all.map((tag) => tag.attributes.id).filter((id) => id !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
      const labelled = new Set(all.filter((tag) => tag.name === 'label').map((tag) => tag.attributes.for));
      const controls = all.filter(
        (tag) => ['input', 'select', 'textarea'].includes(tag.name) && tag.attributes.type !== 'hidden',
      );
      expect(controls.length).toBeGreaterThan(0);
      for (const control of controls) expect(labelled.has(control.attributes.id)).toBe(true);
    }
  });

  it('renders each scale question as a fieldset with a legend and radios named q:<id>', () => {
    const markup = pages[0];
    for (const [id, values] of [
      ['nps', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']],
      ['ces', ['1', '2', '3', '4', '5', '6', '7']],
      ['certainty.t1', ['1', '2', '3', '4', '5', 'notApplicable']],
      ['promise', ['worse', 'inLine', 'better']],
    ] as const) {
      const block = questionBlock(markup, id);
      expect(block).toMatch(/^<div class="q"[^>]*><fieldset[^>]*><legend><span class="qt">/);
      const radios = tags(block).filter((tag) => tag.attributes.type === 'radio');
      expect(radios.map((radio) => radio.attributes.value)).toEqual(values);
      for (const radio of radios) expect(radio.attributes.name).toBe(`q:${id}`);
    }
  });

  it('shows the end labels of a scale and speaks them with the end buttons', () => {
    const block = questionBlock(pages[0], 'nps');
    expect(block).toContain(
      '<div class="ends" aria-hidden="true"><span>Not at all likely</span><span>Extremely likely</span></div>',
    );
    expect(block).toContain('>0<span class="vh"> Not at all likely</span></label>');
    expect(block).toContain('>10<span class="vh"> Extremely likely</span></label>');
    const agreement = questionBlock(pages[0], 'certainty.t1');
    expect(agreement).toContain('>3<span class="vh"> Neither agree nor disagree</span></label>');
    expect(agreement).toContain('>Don’t know / not applicable</label>');
  });

  it('asks a 0–100 rating with a labelled number box, not 101 buttons', () => {
    const block = questionBlock(pages[0], 'share');
    const input = tags(block).find((tag) => tag.name === 'input');
    expect(input?.attributes).toMatchObject({
      id: 'q-share',
      name: 'q:share',
      inputmode: 'numeric',
      'data-min': '0',
      'data-max': '100',
    });
    expect(block).toContain('<label class="ql" for="q-share">');
    expect(block).toContain('Enter a whole number from 0 (0%) to 100 (100%).');
  });

  it('renders a matrix as a fieldset per row, each row field named q:<id>:<row>', () => {
    const block = questionBlock(pages[0], 'channels');
    expect(block.match(/<fieldset class="r"><legend>/g)).toHaveLength(2);
    const names = new Set(tags(block).flatMap((tag) => (tag.attributes.name ? [tag.attributes.name] : [])));
    expect([...names]).toEqual(['q:channels:portal', 'q:channels:phone']);
    expect(block).toContain('data-all');
    expect(block).toContain('1 = Very hard · 5 = Very easy');
  });

  it('renders choices, "other", ranking selects, emotion chips, textarea and consent by the naming scheme', () => {
    const markup = pages[1];
    const names = (id: string) =>
      tags(questionBlock(markup, id)).flatMap((tag) => (tag.attributes.name ? [tag.attributes.name] : []));
    const types = (id: string) =>
      tags(questionBlock(markup, id)).flatMap((tag) => (tag.name === 'input' ? [tag.attributes.type] : []));
    expect(new Set(names('incident'))).toEqual(new Set(['q:incident', 'q:incident:other']));
    expect(questionBlock(markup, 'incident')).toContain('value="_other"');
    expect(new Set(types('actions'))).toEqual(new Set(['checkbox', 'text']));
    expect(names('preference')).toEqual(['q:preference:us', 'q:preference:them', 'q:preference:inHouse']);
    expect(questionBlock(markup, 'preference')).toContain('<option value="3">3rd</option>');
    expect(
      tags(questionBlock(markup, 'feelings')).filter((tag) => tag.attributes.type === 'checkbox'),
    ).toHaveLength(20);
    expect(questionBlock(markup, 'feelings')).toContain('Choose up to 3.');
    expect(questionBlock(markup, 'comment')).toMatch(/<textarea[^>]*maxlength="200"/);
    const consent = tags(questionBlock(markup, 'contactBack')).find((tag) => tag.name === 'input');
    expect(consent?.attributes).toMatchObject({ type: 'checkbox', name: 'q:contactBack', value: 'true' });
  });

  it('keeps headings in order: h1 survey title, then h2s', () => {
    const markup = render({ errors: [{ questionId: 'nps', message: 'Please answer this question' }] });
    const levels = tags(markup)
      .filter((tag) => /^h[1-6]$/.test(tag.name))
      .map((tag) => Number(tag.name[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
  });

  it('has the honeypot: a visually hidden text input named website, labelled, out of the tab order', () => {
    const markup = render();
    expect(markup).toContain('<div class="hp"><label for="website">Leave this empty</label>');
    const honeypot = tags(markup).find((tag) => tag.attributes.name === 'website');
    expect(honeypot?.attributes).toMatchObject({
      type: 'text',
      id: 'website',
      tabindex: '-1',
      autocomplete: 'off',
      value: '',
    });
  });

  it('renders the buttons for the place in the survey', () => {
    const buttons = (markup: string) =>
      tags(markup)
        .filter((tag) => tag.name === 'button')
        .map((tag) => `${tag.attributes.name}=${tag.attributes.value}`);
    expect(buttons(render())).toEqual(['action=next']);
    expect(buttons(render({ pageIndex: 2, isLastPage: true, canGoBack: true }))).toEqual([
      'action=submit',
      'action=back',
    ]);
  });

  it('puts the route fields in hidden inputs, escaped, and refuses reserved names', () => {
    const markup = render({ formFields: { token: 'a"b', csrf: '<x>' } });
    expect(markup).toContain('<input type="hidden" name="token" value="a&quot;b">');
    expect(markup).toContain('<input type="hidden" name="csrf" value="&lt;x&gt;">');
    expect(() => render({ formFields: { action: 'x' } })).toThrow(/reserved/);
    expect(() => render({ formFields: { 'q:nps': '10' } })).toThrow(/reserved/);
  });

  it('offers the language switcher with the current language marked', () => {
    const markup = render({ language: 'it' });
    expect(markup).toContain('<nav aria-label="Lingua">');
    expect(markup).toContain('hreflang="it" aria-current="true">Italiano</a>');
    expect(markup).not.toContain('hreflang="en" aria-current');
    expect(render({ languages: [] })).not.toContain('<nav');
  });

  it('throws on a page that does not exist', () => {
    expect(() => render({ pageIndex: 3 })).toThrow(RangeError);
  });
});

describe('renderSurveyPage: errors', () => {
  const errors = [
    { questionId: 'ces', message: 'Enter a whole number from 1 to 7' },
    { questionId: 'nps', message: 'Please answer this question' },
    { questionId: 'nps', message: 'second message is not shown' },
    { questionId: 'role', message: 'not on this page' },
  ];
  const markup = render({ errors });

  it('shows an error summary with a heading and links to each failing field, in page order', () => {
    expect(markup).toMatch(
      /<div class="es" id="es" role="alert" tabindex="-1"><h2>There is a problem<\/h2><ul>/,
    );
    const summary = markup.slice(markup.indexOf('<div class="es"'), markup.indexOf('</ul>'));
    const links = [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['q-nps', 'Please answer this question: How likely are you to recommend us?'],
      ['q-ces', 'Enter a whole number from 1 to 7: How easy was it?'],
    ]);
    const ids = new Set(tags(markup).map((tag) => tag.attributes.id));
    for (const [target] of links) expect(ids.has(target)).toBe(true);
    expect(markup).not.toContain('second message');
    expect(markup).not.toContain('not on this page');
    expect(markup).toContain('<title>Error: Scales – Working with </title>');
  });

  it('places the inline error before the controls, described by and marked invalid', () => {
    const block = questionBlock(markup, 'ces');
    expect(block).toContain(
      '<p class="err" id="e-ces">Enter a whole number from 1 to 7</p><div class="s k4 ctl">',
    );
    const fieldset = tags(block).find((tag) => tag.name === 'fieldset');
    expect(fieldset?.attributes['aria-describedby']).toBe('h-ces e-ces');
    const radios = tags(block).filter((tag) => tag.attributes.type === 'radio');
    expect(radios).toHaveLength(7);
    for (const radio of radios) expect(radio.attributes['aria-invalid']).toBe('true');
    const valid = tags(questionBlock(markup, 'promise'));
    expect(valid.some((tag) => 'aria-invalid' in tag.attributes)).toBe(false);
    expect(questionBlock(markup, 'promise')).not.toContain('class="err"');
  });

  it('describes a text control directly', () => {
    const block = questionBlock(
      render({ pageIndex: 2, errors: [{ questionId: 'role', message: 'Too long' }] }),
      'role',
    );
    const input = tags(block).find((tag) => tag.name === 'input');
    expect(input?.attributes).toMatchObject({ 'aria-describedby': 'h-role e-role', 'aria-invalid': 'true' });
  });

  it('has no summary and no error title without errors', () => {
    const clean = render();
    expect(clean).not.toContain('role="alert"');
    expect(clean).toContain('<title>Scales – Working with </title>');
  });
});

describe('renderSurveyPage: logic, pre-fill, piping, language', () => {
  it('hides a question whose condition on an earlier page is false, shows it when true', () => {
    expect(render({ pageIndex: 2, answers: { nps: 9 } })).not.toContain('data-q="whyLow"');
    expect(render({ pageIndex: 2, answers: { nps: 4 } })).toContain('data-q="whyLow"');
    expect(render({ pageIndex: 2, answers: {} })).not.toContain('data-q="whyLow"');
  });

  it('evaluates hidden field conditions on the server', () => {
    expect(render({ pageIndex: 1, hidden: { tier: 'key' } })).toContain('data-q="keyAccount"');
    expect(render({ pageIndex: 1, hidden: { tier: 'standard' } })).not.toContain('data-q="keyAccount"');
  });

  it('renders a question that depends on the same page with its condition for the script and a no-JS hint', () => {
    const block = questionBlock(render({ pageIndex: 1 }), 'actions');
    const wrapper = tags(block)[0];
    expect(JSON.parse(decode(wrapper.attributes['data-if']))).toEqual({
      not: { question: 'incident', op: 'eq', value: 'no' },
    });
    expect(block).toContain(
      '<p class="hint nojs">Answer this only if it applies, given your answers above.</p>',
    );
    expect(
      tags(questionBlock(render({ pageIndex: 1 }), 'incident'))[0].attributes['data-if'],
    ).toBeUndefined();
  });

  it('pre-fills answers for every control type', () => {
    const answers = {
      nps: 3,
      ces: 6,
      'certainty.t1': 'notApplicable',
      promise: 'better',
      share: 40,
      channels: { phone: 2 },
      incident: { other: 'Late <b>delivery</b>' },
      actions: ['waited', { other: 'Escalated' }],
      preference: ['them', 'inHouse', 'us'],
      feelings: ['stressed', 'trusting'],
      comment: '\nFirst line\nsecond',
      contactBack: true,
    };
    const first = render({ answers });
    const checked = (markup: string, id: string) =>
      tags(questionBlock(markup, id))
        .filter((tag) => 'checked' in tag.attributes)
        .map((tag) => `${tag.attributes.name}=${tag.attributes.value}`);
    expect(checked(first, 'nps')).toEqual(['q:nps=3']);
    expect(checked(first, 'ces')).toEqual(['q:ces=6']);
    expect(checked(first, 'certainty.t1')).toEqual(['q:certainty.t1=notApplicable']);
    expect(checked(first, 'promise')).toEqual(['q:promise=better']);
    expect(checked(first, 'channels')).toEqual(['q:channels:phone=2']);
    expect(questionBlock(first, 'share')).toContain('value="40"');
    const second = render({ pageIndex: 1, answers });
    expect(checked(second, 'incident')).toEqual(['q:incident=_other']);
    expect(questionBlock(second, 'incident')).toContain('value="Late &lt;b&gt;delivery&lt;/b&gt;"');
    expect(checked(second, 'actions')).toEqual(['q:actions=waited', 'q:actions=_other']);
    expect(questionBlock(second, 'actions')).toContain(
      'name="q:actions:other" maxlength="500" value="Escalated"',
    );
    const selected = [
      ...questionBlock(second, 'preference').matchAll(
        /name="([^"]+)"[^>]*>(?:(?!<\/select>).)*<option value="(\d)" selected>/g,
      ),
    ].map((m) => `${m[1]}=${m[2]}`);
    expect(selected).toEqual(['q:preference:us=3', 'q:preference:them=1', 'q:preference:inHouse=2']);
    expect(checked(second, 'feelings')).toEqual(['q:feelings=stressed', 'q:feelings=trusting']);
    // The parser drops the newline after <textarea>, so the answer's own leading newline survives.
    expect(questionBlock(second, 'comment')).toContain('>\n\nFirst line\nsecond</textarea>');
    expect(checked(second, 'contactBack')).toEqual(['q:contactBack=true']);
  });

  it('escapes piped values: a script in a first name is text', () => {
    const markup = render({
      piping: { contact: { firstName: '<script>alert(1)</script>' }, account: { name: 'A&B "Rail"' } },
    });
    expect(markup).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;, thank you for your time.');
    expect(markup).toContain('<h1>Working with A&amp;B &quot;Rail&quot;</h1>');
    expect(markup.match(/<script/g)).toHaveLength(1);
  });

  it('renders in Italian: lang, page strings, survey texts and built-in labels', () => {
    const markup = render({ language: 'it', pageIndex: 0, errors: [{ questionId: 'nps', message: 'x' }] });
    expect(markup.startsWith('<!doctype html><html lang="it">')).toBe(true);
    expect(markup).toContain('>Avanti</button>');
    expect(markup).toContain('Pagina 1 di 3');
    expect(markup).toContain('<h2>C’è un problema</h2>');
    expect(markup).toContain('(obbligatoria)');
    expect(markup).toContain('Quanto è probabile che ci consigli?');
    expect(markup).toContain('Completamente in disaccordo');
    expect(markup).toContain('Peggiore di quanto promesso');
    expect(render({ language: 'it', pageIndex: 1 })).toContain('>Altro (specificare)</label>');
  });

  it('falls back to the default language for a language the survey does not offer', () => {
    expect(render({ language: 'fr' }).startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(render({ language: 'it-CH' }).startsWith('<!doctype html><html lang="it">')).toBe(true);
  });

  it('orders a randomised block by the seed, like randomizedOrder', () => {
    const template = relationshipSurveyTemplate();
    const order = (seed: number) => {
      const markup = render({ definition: template, seed });
      return [...markup.matchAll(/<div class="q" data-q="([^"]+)"/g)].map((m) => m[1]);
    };
    const expected = randomizedOrder(template.pages[0].blocks[0], 11).map((question) => question.id);
    expect(order(11)).toEqual(expected);
    expect(order(12)).not.toEqual(expected);
    expect(new Set(order(12))).toEqual(new Set(expected));
  });

  it('shows progress: page of pages, and a bar counting answered questions on the page', () => {
    const markup = render({
      progress: { page: 2, pages: 4 },
      pageIndex: 0,
      answers: { nps: 9, ces: 3, promise: 'inLine' },
    });
    expect(markup).toContain('<p class="pg" id="pg">Page 2 of 4</p>');
    // 3 of the 6 questions answered: (2 − 1 + 0.5) / 4 = 37.5 % → 38.
    expect(markup).toContain('<progress aria-labelledby="pg" max="100" value="38">38%</progress>');
  });
});

describe('renderSurveyPage: size and speed', () => {
  const template = relationshipSurveyTemplate();
  const allErrors = surveyQuestions(template).map((question) => ({
    questionId: question.id,
    message: 'Please answer this question',
  }));
  const inputFor = (pageIndex: number, language: string): SurveyPageInput => ({
    definition: template,
    pageIndex,
    language,
    answers: {},
    hidden: {},
    piping: { contact: { firstName: 'Alessandra' }, account: { name: 'Ferrovie Acme S.p.A.' } },
    errors: allErrors,
    formAction: '/r/01J9ZK3W8F6Q2H5N7R4T1V0XYZ',
    formFields: {
      token: '01J9ZK3W8F6Q2H5N7R4T1V0XYZ.c2lnbmF0dXJlLXZhbHVlLWhlcmU',
      csrf: 'b64csrfvalue0123456789',
    },
    languages: [
      { code: 'en', href: '/r/01J9ZK3W8F6Q2H5N7R4T1V0XYZ?lang=en' },
      { code: 'it', href: '/r/01J9ZK3W8F6Q2H5N7R4T1V0XYZ?lang=it' },
    ],
    progress: { page: pageIndex + 1, pages: template.pages.length },
    seed: 123456,
    isLastPage: pageIndex === template.pages.length - 1,
    canGoBack: pageIndex > 0,
  });

  it('stays within 15 KB gzip for the largest relationship-template page with every error shown', () => {
    const sizes = template.pages.flatMap((_, pageIndex) =>
      ['en', 'it'].map((language) => {
        const markup = renderSurveyPage(inputFor(pageIndex, language));
        expect(markup).toContain('role="alert"');
        return { raw: markup.length, gzip: gzipSync(markup).length };
      }),
    );
    const largest = sizes.reduce((a, b) => (b.raw > a.raw ? b : a));
    expect(largest.raw).toBeGreaterThan(20_000);
    expect(Math.max(...sizes.map((size) => size.gzip))).toBeLessThanOrEqual(15_360);
  });

  // Render time is measured by `npm run bench -- ingest` (page_render_p50_ms), not by a timed test.
});
