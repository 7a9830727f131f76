import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { translator } from '../../i18n/translate.ts';
import { Link } from '../../router/Link.tsx';
import { navigate, pathOf } from '../../router/router.ts';
import { localName, useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { ChangeError } from '../settings/ChangeError.tsx';
import type { SurveyDefinition } from './draft.ts';

const KINDS = ['relationship', 'touchpoint', 'pulse', 'employee'] as const;
const STARTS = ['blank', 'relationship', 'touchpointPulse'] as const;
const FORCES = ['certainty', 'control', 'fairTreatment', 'belonging', 'status', 'enjoyment'] as const;
const LANGUAGES = ['en', 'it'] as const;
type Start = (typeof STARTS)[number];

/** An empty survey: one page, one open question, its texts in each chosen language. */
function blankDefinition(name: string, languages: string[]): SurveyDefinition {
  const each = (key: MessageKey) =>
    Object.fromEntries(languages.map((language) => [language, translator(language as 'en' | 'it')(key)]));
  return {
    formatVersion: 1,
    title: Object.fromEntries(languages.map((language) => [language, name])),
    languages,
    defaultLanguage: languages[0],
    pages: [
      {
        id: 'page1',
        blocks: [
          {
            id: 'main',
            questions: [{ id: 'q1', type: 'text', multiline: true, text: each('builder.starter.question') }],
          },
        ],
      },
    ],
  };
}

/** A new survey: blank, the Forces relationship survey, or a touchpoint pulse; then on to the builder. */
export function NewSurvey() {
  const { t, language: uiLanguage } = useI18n();
  useTitle(t('builder.newTitle'));
  const { journeys } = useProgramme();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('relationship');
  const [start, setStart] = useState<Start>('relationship');
  const [languages, setLanguages] = useState<string[]>(['en', 'it']);
  const [touchpointKey, setTouchpointKey] = useState('');
  const [forces, setForces] = useState<[string, string]>(['certainty', 'control']);
  const [metric, setMetric] = useState<'nps' | 'csat'>('nps');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const touchpoints = journeys.flatMap((journey) =>
    journey.stages.flatMap((stage) =>
      stage.touchpoints.map((touchpoint) => ({
        ...touchpoint,
        journey: localName(journey.name, uiLanguage),
      })),
    ),
  );
  const touchpoint = touchpoints.find((each) => each.key === touchpointKey);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      let definition: SurveyDefinition;
      if (start === 'blank') definition = blankDefinition(name.trim() || t('builder.untitled'), languages);
      else if (start === 'relationship')
        ({ definition } = await api.post<{ definition: SurveyDefinition }>('/survey-templates', {
          template: 'relationship',
          languages,
        }));
      else
        ({ definition } = await api.post<{ definition: SurveyDefinition }>('/survey-templates', {
          template: 'touchpointPulse',
          languages,
          touchpointName: touchpoint
            ? Object.fromEntries(languages.map((code) => [code, localName(touchpoint.name, code)]))
            : {},
          forces,
          metric,
        }));
      const { surveyId } = await api.post<{ surveyId: string }>('/surveys', {
        name: name.trim(),
        kind,
        definition,
        ...(touchpoint && (kind === 'touchpoint' || start === 'touchpointPulse')
          ? { touchpointKey: touchpoint.key }
          : {}),
      });
      navigate(pathOf('surveys', new URLSearchParams({ survey: surveyId, tab: 'questions' })));
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        <Link href={pathOf('surveys')}>{t('builder.back')}</Link>
      </p>
      <h1>{t('builder.newTitle')}</h1>
      <form
        className="settings-form panel new-survey"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label htmlFor="new-name">{t('builder.name')}</label>
          <input id="new-name" required value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-kind">{t('builder.kind')}</label>
          <select id="new-kind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            {KINDS.map((each) => (
              <option key={each} value={each}>
                {t(`builder.kinds.${each}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('builder.startFrom')}</legend>
          {STARTS.map((each) => (
            <label className="check" key={each}>
              <input
                type="radio"
                name="start"
                value={each}
                checked={start === each}
                onChange={() => setStart(each)}
              />
              {t(`builder.start.${each}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('builder.languages')}</legend>
          {LANGUAGES.map((code) => (
            <label className="check" key={code}>
              <input
                type="checkbox"
                checked={languages.includes(code)}
                onChange={(event) =>
                  setLanguages((now) =>
                    event.target.checked
                      ? LANGUAGES.filter((each) => each === code || now.includes(each))
                      : now.length > 1
                        ? now.filter((each) => each !== code)
                        : now,
                  )
                }
              />
              {t(`builder.language.${code}`)}
            </label>
          ))}
        </fieldset>
        {(start === 'touchpointPulse' || kind === 'touchpoint') && (
          <div className="field">
            <label htmlFor="new-touchpoint">{t('builder.touchpoint')}</label>
            <select
              id="new-touchpoint"
              value={touchpointKey}
              onChange={(event) => setTouchpointKey(event.target.value)}
            >
              <option value="">{t('builder.chooseTouchpoint')}</option>
              {touchpoints.map((each) => (
                <option key={each.key} value={each.key}>
                  {each.journey} · {localName(each.name, uiLanguage)}
                </option>
              ))}
            </select>
          </div>
        )}
        {start === 'touchpointPulse' && (
          <>
            {[0, 1].map((i) => (
              <div className="field" key={i}>
                <label htmlFor={`new-force-${i}`}>{t('builder.pulseForce', { n: i + 1 })}</label>
                <select
                  id={`new-force-${i}`}
                  value={forces[i]}
                  onChange={(event) =>
                    setForces((now) =>
                      i === 0 ? [event.target.value, now[1]] : [now[0], event.target.value],
                    )
                  }
                >
                  {FORCES.map((force) => (
                    <option key={force} value={force}>
                      {t(`force.${force}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <div className="field">
              <label htmlFor="new-metric">{t('builder.metric')}</label>
              <select
                id="new-metric"
                value={metric}
                onChange={(event) => setMetric(event.target.value as 'nps' | 'csat')}
              >
                <option value="nps">NPS</option>
                <option value="csat">CSAT</option>
              </select>
            </div>
          </>
        )}
        <p>
          <button type="submit" disabled={busy}>
            {t('builder.create')}
          </button>
        </p>
        <ChangeError error={error} />
      </form>
    </>
  );
}
