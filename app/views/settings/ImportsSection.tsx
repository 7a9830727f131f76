import { type FormEvent, useEffect, useId, useState } from 'react';
import { api, postFile } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { ChangeError } from './ChangeError.tsx';
import { useChange } from './useResource.ts';

interface Uploaded {
  importId: string;
  columns: string[];
  rows: number;
  suggestedMapping: Record<string, string>;
}
interface Progress {
  status: 'uploaded' | 'queued' | 'validating' | 'validated' | 'committing' | 'completed' | 'failed';
  done: number;
  total: number;
  badRows: number;
  summary: Record<string, number>;
  failure: string | null;
  errors: { line: number; column?: string; message: string }[];
}
const RUNNING = new Set(['queued', 'validating', 'committing']);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Accounts or contacts from CSV/XLSX: upload, check the mapping, run (dry or for real), watch progress. */
export function ImportsSection() {
  const { t, number } = useI18n();
  const change = useChange(() => undefined);
  const ids = { kind: useId(), file: useId(), dry: useId(), skip: useId() };
  const [kind, setKind] = useState<'accounts' | 'contacts'>('accounts');
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<Uploaded | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [polling, setPolling] = useState(false);

  // Polls the import's progress once a second while it runs.
  useEffect(() => {
    if (!polling || !uploaded) return;
    let stopped = false;
    const tick = async () => {
      try {
        const next = await api.get<Progress>(`/imports/${uploaded.importId}`);
        if (stopped) return;
        setProgress(next);
        if (RUNNING.has(next.status)) setTimeout(tick, 1000);
        else setPolling(false);
      } catch {
        if (!stopped) setTimeout(tick, 2000);
      }
    };
    void tick();
    return () => {
      stopped = true;
    };
  }, [polling, uploaded]);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setProgress(null);
    const isXlsx = file.name.toLowerCase().endsWith('.xlsx');
    const result = await change.run(() =>
      postFile<Uploaded>(
        `/imports/${kind}?fileName=${encodeURIComponent(file.name)}`,
        file,
        isXlsx ? XLSX : 'text/csv',
      ),
    );
    if (result) setUploaded(result);
  };
  const run = async () => {
    if (!uploaded) return;
    const started = await change.run(() =>
      api.post(`/imports/${uploaded.importId}/run`, { dryRun, skipBadRows }),
    );
    if (started) setPolling(true);
  };
  return (
    <section aria-labelledby="imports-title">
      <h2 id="imports-title">{t('settings.imports.title')}</h2>
      <ChangeError error={change.error} />
      <form className="settings-form" onSubmit={upload}>
        <div className="field">
          <label htmlFor={ids.kind}>{t('settings.imports.kind')}</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="accounts">{t('nav.accounts')}</option>
            <option value="contacts">{t('settings.imports.contacts')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.file}>{t('settings.imports.file')}</label>
          <input
            id={ids.file}
            type="file"
            accept=".csv,.xlsx,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </div>
        <button type="submit" disabled={change.busy || !file}>
          {t('settings.imports.upload')}
        </button>
      </form>
      {uploaded && (
        <div className="card" data-testid="import">
          <p>{t('settings.imports.uploaded', { rows: number(uploaded.rows, 0) })}</p>
          <table>
            <caption>{t('settings.imports.mapping')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.imports.column')}</th>
                <th scope="col">{t('settings.imports.field')}</th>
              </tr>
            </thead>
            <tbody>
              {uploaded.columns.map((column) => (
                <tr key={column}>
                  <th scope="row">{column}</th>
                  <td>{uploaded.suggestedMapping[column] ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="filter-row">
            <label htmlFor={ids.dry}>
              <input
                id={ids.dry}
                type="checkbox"
                checked={dryRun}
                onChange={(e) => setDryRun(e.target.checked)}
              />{' '}
              {t('settings.imports.dryRun')}
            </label>
            <label htmlFor={ids.skip}>
              <input
                id={ids.skip}
                type="checkbox"
                checked={skipBadRows}
                onChange={(e) => setSkipBadRows(e.target.checked)}
              />{' '}
              {t('settings.imports.skipBadRows')}
            </label>
            <button type="button" onClick={run} disabled={change.busy || polling}>
              {t('settings.imports.run')}
            </button>
          </div>
          {progress && (
            <div role="status" aria-live="polite">
              <progress
                max={Math.max(1, progress.total)}
                value={progress.done}
                aria-label={t('settings.imports.progress')}
              />
              <p>
                {t('settings.imports.progressText', {
                  status: t(`settings.imports.status.${progress.status}`),
                  done: number(progress.done, 0),
                  total: number(progress.total, 0),
                  bad: number(progress.badRows, 0),
                })}
              </p>
              {Object.keys(progress.summary).length > 0 && (
                <p>
                  {Object.entries(progress.summary)
                    .map(([key, value]) => `${key}: ${number(value, 0)}`)
                    .join(' · ')}
                </p>
              )}
              {progress.failure && <p className="error">{progress.failure}</p>}
              {progress.errors.length > 0 && (
                <ul data-testid="import-errors">
                  {progress.errors.slice(0, 20).map((error) => (
                    <li key={`${error.line}-${error.column ?? ''}-${error.message}`}>
                      {t('settings.imports.rowError', { line: error.line, column: error.column ?? '—' })}{' '}
                      {error.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
