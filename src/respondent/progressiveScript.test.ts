import { describe, expect, it } from 'vitest';
import { SAVE_PARTIAL_HEADER } from './formFieldNames.ts';
import { PROGRESSIVE_SCRIPT } from './progressiveScript.ts';
import { questionTypesSurvey } from './questionTypesSurvey.ts';
import { renderSurveyPage } from './renderSurveyPage.ts';
import { RESPONDENT_STYLES } from './styles.ts';

const page = renderSurveyPage({
  definition: questionTypesSurvey(),
  pageIndex: 0,
  language: 'en',
  answers: {},
  hidden: {},
  piping: {},
  errors: [{ questionId: 'nps', message: 'Please answer this question' }],
  formAction: '/r/t',
  formFields: {},
  languages: [],
  progress: { page: 1, pages: 3 },
  seed: 1,
  isLastPage: false,
  canGoBack: false,
});

describe('PROGRESSIVE_SCRIPT', () => {
  it('is under 3 KB and valid JavaScript that cannot close its script element', () => {
    expect(Buffer.byteLength(PROGRESSIVE_SCRIPT)).toBeLessThan(3072);
    expect(() => new Function(PROGRESSIVE_SCRIPT)).not.toThrow();
    expect(PROGRESSIVE_SCRIPT).not.toMatch(/<\/script/i);
    expect(page).toContain(`<script>${PROGRESSIVE_SCRIPT}</script>`);
  });

  it('does nothing on a page without the survey form', () => {
    const calls: string[] = [];
    const document = {
      querySelector: (selector: string) => {
        calls.push(selector);
        return null;
      },
      getElementById: () => null,
    };
    new Function('document', PROGRESSIVE_SCRIPT)(document);
    expect(calls).toEqual(['form[data-p]']);
  });

  it('posts partial saves with the header the route expects', () => {
    expect(PROGRESSIVE_SCRIPT).toContain(`headers:{'${SAVE_PARTIAL_HEADER}':'1'}`);
  });

  it('relies only on hooks the rendered page has', () => {
    // Every hook the script reads, and where the markup carries it.
    const hooks: [string, RegExp][] = [
      ["'form[data-p]'", /<form [^>]*data-p="1"/],
      ["'.q'", /<div class="q" data-q="/],
      ["'.ctl'", /class="[^"]*\bctl\b/],
      ["'.qt'", /<span class="qt">/],
      ["'[data-d]'", /<fieldset data-d/],
      ["'[data-min]'", /data-min="0" data-max="100"/],
      ['d.rq', /data-rq="Please answer this question"/],
      ['d.rg', /data-rg="Enter a whole number from \{min\} to \{max\}"/],
      ['d.et', /data-et="There is a problem"/],
      ['d.sd', /data-sd="Answers saved"/],
      ["I('sv')", /<p class="sv" id="sv" role="status">/],
      ["I('es')", /<div class="es" id="es" role="alert" tabindex="-1">/],
      ["'.r'", /<fieldset class="r">/],
      ["'.err'", /<p class="err" id="e-nps">/],
    ];
    for (const [inScript, inMarkup] of hooks) {
      expect(PROGRESSIVE_SCRIPT, inScript).toContain(inScript);
      expect(page, String(inMarkup)).toMatch(inMarkup);
    }
    expect(RESPONDENT_STYLES).toContain('.js .nojs{display:none}');
    expect(PROGRESSIVE_SCRIPT).toContain("className+=' js'");
  });
});
