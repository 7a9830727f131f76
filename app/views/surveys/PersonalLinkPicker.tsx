import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { ChangeError } from '../settings/ChangeError.tsx';

interface ContactHit {
  contactId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: string;
  accountName: string;
  optedOut: boolean;
}

interface MadeLink {
  name: string;
  url: string;
  expiresAt: string;
}

type Search =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'done'; contacts: ContactHit[] }
  | { state: 'failed'; error: Error };

/** Waits this long after the last key before asking, so typing a name makes one request, not one per letter. */
const TYPING_PAUSE_MS = 250;

const fullName = (contact: ContactHit) => `${contact.firstName} ${contact.lastName}`.trim() || contact.email;

/**
 * Finds a contact in the reader's scope (GET /contacts) and makes a personal, single-use link for
 * them (POST /surveys/:id/links). The link is shown once, with a button that copies it: it is not
 * stored in readable form anywhere, so leaving the page loses it (a new one can always be made).
 */
export function PersonalLinkPicker(props: { surveyId: string }) {
  const { t, language } = useI18n();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const [made, setMade] = useState<MadeLink | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [copied, setCopied] = useState(false);
  const linkField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = typed.trim();
    if (q.length < 2) {
      setSearch({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearch({ state: 'searching' });
      api
        .get<{ contacts: ContactHit[] }>('/contacts', { q, limit: 10 }, controller.signal)
        .then((answer) => setSearch({ state: 'done', contacts: answer.contacts }))
        .catch((error: Error) => {
          if (!controller.signal.aborted) setSearch({ state: 'failed', error });
        });
    }, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [typed]);

  useEffect(() => {
    if (made) linkField.current?.focus();
  }, [made]);

  const create = async (contact: ContactHit) => {
    setFailure(null);
    setCopied(false);
    try {
      const answer = await api.post<{ url: string; expiresAt: string }>(
        `/surveys/${encodeURIComponent(props.surveyId)}/links`,
        { contactId: contact.contactId },
      );
      setMade({ name: fullName(contact), url: answer.url, expiresAt: answer.expiresAt });
    } catch (error) {
      setFailure(error as Error);
    }
  };

  const status =
    search.state === 'searching'
      ? t('builder.personalLinkSearching')
      : search.state === 'done'
        ? search.contacts.length === 0
          ? t('builder.personalLinkNone')
          : t('builder.personalLinkResults', { n: search.contacts.length })
        : '';
  const until = (iso: string) =>
    new Date(iso).toLocaleDateString(language === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'long' });

  return (
    <div className="personal-link-picker">
      <h3>{t('builder.personalLinkPick')}</h3>
      <div className="field">
        <label htmlFor="contact-search">{t('builder.personalLinkSearch')}</label>
        <input
          id="contact-search"
          type="search"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-describedby="contact-search-help"
        />
        <p className="note" id="contact-search-help">
          {t('builder.personalLinkSearchHelp')}
        </p>
      </div>
      <p role="status" className="saved">
        {status}
      </p>
      {search.state === 'failed' && <ChangeError error={search.error} />}
      {search.state === 'done' && search.contacts.length > 0 && (
        <div className="table-scroll personal-link-results">
          <table data-testid="contact-results">
            <caption className="visually-hidden">{t('builder.personalLinkPick')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('builder.personalLinkContact')}</th>
                <th scope="col">{t('builder.personalLinkAccount')}</th>
                <th scope="col">{t('builder.personalLinkLanguage')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('builder.personalLinkCreate')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {search.contacts.map((contact) => (
                <tr key={contact.contactId}>
                  <th scope="row">
                    {fullName(contact)}
                    <br />
                    <span className="note">{contact.email}</span>
                  </th>
                  <td>{contact.accountName}</td>
                  <td>{contact.language}</td>
                  <td>
                    {contact.optedOut ? (
                      <span className="note">{t('builder.personalLinkOptedOut')}</span>
                    ) : (
                      <button type="button" className="secondary small" onClick={() => create(contact)}>
                        {t('builder.personalLinkCreate')}
                        <span className="visually-hidden">: {fullName(contact)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ChangeError error={failure} />
      {made && (
        <div className="field link-field" data-testid="personal-link">
          <label htmlFor="personal-link">{t('builder.personalLinkFor', { name: made.name })}</label>
          <div className="inline-form">
            <input
              id="personal-link"
              ref={linkField}
              readOnly
              value={made.url}
              aria-describedby="personal-link-once"
              onFocus={(event) => event.target.select()}
            />
            <button
              type="button"
              className="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(made.url).catch(() => undefined);
                setCopied(true);
              }}
            >
              {t('builder.copy')}
            </button>
          </div>
          <p className="note" id="personal-link-once">
            {t('builder.personalLinkOnce', { date: until(made.expiresAt) })}
          </p>
          <p role="status" className="saved">
            {copied ? t('builder.copied') : ''}
          </p>
        </div>
      )}
    </div>
  );
}
