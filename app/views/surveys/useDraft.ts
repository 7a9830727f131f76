import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { Survey } from '../../api/types.ts';
import { type DraftProblem, draftPath, type SurveyDefinition } from './draft.ts';

/** The survey the builder edits: its list entry without the response count. */
export type BuilderSurvey = Omit<Survey, 'responses'>;

interface DraftAnswer {
  survey: BuilderSurvey;
  definition: SurveyDefinition;
  issues: DraftProblem[];
}

export type DraftState =
  | { state: 'loading' }
  | { state: 'error'; error: Error }
  | {
      state: 'ready';
      survey: BuilderSurvey;
      definition: SurveyDefinition;
      /** What the API says still stops publishing (missing translations, mostly). */
      issues: DraftProblem[];
      /** The fields a refused save or publish named, as draft paths. */
      problems: DraftProblem[];
      /** A message of the refusal, when there was one. */
      refusal: string | null;
      dirty: boolean;
      busy: boolean;
      /** Goes up with every save: the preview reloads on it. */
      saves: number;
    };

const problemsOf = (error: unknown): DraftProblem[] =>
  error instanceof ApiError
    ? error.fields.map((field) => ({ path: draftPath(field.field), message: field.message }))
    : [];

/**
 * One survey's draft as the builder edits it: loaded once, changed locally, saved with PUT
 * /draft; a refused save or publish keeps the fields the API named so the form can show them.
 */
export function useDraft(surveyId: string) {
  const [draft, setDraft] = useState<DraftState>({ state: 'loading' });
  const current = useRef(draft);
  current.current = draft;

  const load = useCallback(async () => {
    try {
      const answer = await api.get<DraftAnswer>(`/surveys/${encodeURIComponent(surveyId)}/draft`);
      setDraft({
        state: 'ready',
        ...answer,
        problems: [],
        refusal: null,
        dirty: false,
        busy: false,
        saves: current.current.state === 'ready' ? current.current.saves + 1 : 0,
      });
    } catch (error) {
      setDraft({ state: 'error', error: error as Error });
    }
  }, [surveyId]);
  useEffect(() => {
    void load();
  }, [load]);

  const edit = useCallback((change: (definition: SurveyDefinition) => SurveyDefinition) => {
    setDraft((now) =>
      now.state === 'ready' ? { ...now, definition: change(now.definition), dirty: true } : now,
    );
  }, []);

  const patch = useCallback(
    (values: Partial<Extract<DraftState, { state: 'ready' }>>) =>
      setDraft((now) => (now.state === 'ready' ? { ...now, ...values } : now)),
    [],
  );

  /** Saves the draft; true when the API took it. */
  const save = useCallback(async (): Promise<boolean> => {
    const now = current.current;
    if (now.state !== 'ready') return false;
    patch({ busy: true });
    try {
      const sent = now.definition;
      const { issues } = await api.put<{ issues: DraftProblem[] }>(
        `/surveys/${encodeURIComponent(surveyId)}/draft`,
        { definition: sent },
      );
      setDraft((later) =>
        later.state === 'ready'
          ? {
              ...later,
              issues,
              problems: [],
              refusal: null,
              // Edits made while the save was on its way are still unsaved.
              dirty: later.definition !== sent,
              busy: false,
              saves: later.saves + 1,
            }
          : later,
      );
      return true;
    } catch (error) {
      patch({ busy: false, problems: problemsOf(error), refusal: (error as Error).message });
      return false;
    }
  }, [surveyId, patch]);

  /** Saves unsaved edits, then publishes; the new version number, or null when refused. */
  const publish = useCallback(async (): Promise<number | null> => {
    const now = current.current;
    if (now.state !== 'ready') return null;
    if (now.dirty && !(await save())) return null;
    patch({ busy: true });
    try {
      const { version } = await api.post<{ version: number }>(
        `/surveys/${encodeURIComponent(surveyId)}/publish`,
        {},
      );
      await load();
      return version;
    } catch (error) {
      patch({ busy: false, problems: problemsOf(error), refusal: (error as Error).message });
      return null;
    }
  }, [surveyId, save, load, patch]);

  /** Closes or reopens a published survey. */
  const setOpen = useCallback(
    async (open: boolean) => {
      patch({ busy: true });
      try {
        await api.post(`/surveys/${encodeURIComponent(surveyId)}/${open ? 'reopen' : 'close'}`, {});
        const now = current.current;
        if (now.state === 'ready')
          patch({ busy: false, survey: { ...now.survey, status: open ? 'open' : 'closed' } });
      } catch (error) {
        patch({ busy: false, problems: problemsOf(error), refusal: (error as Error).message });
      }
    },
    [surveyId, patch],
  );

  return { draft, edit, save, publish, setOpen, reload: load };
}
