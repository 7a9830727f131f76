import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, rememberCsrfToken } from '../api/client.ts';
import type { Journey, Me, Unit } from '../api/types.ts';
import { FilterBar } from '../filters/FilterBar.tsx';
import { type Filters, filtersFromSearch, searchFromFilters } from '../filters/filters.ts';
import { I18nProvider, useI18n } from '../i18n/I18n.tsx';
import type { UiLanguage } from '../i18n/messages.ts';
import { pickLanguage } from '../i18n/translate.ts';
import { Link } from '../router/Link.tsx';
import {
  BASE,
  navigate,
  pathOf,
  type Route,
  routeOf,
  useRoute,
  VIEWS,
  type ViewName,
} from '../router/router.ts';
import { preloadable } from '../ui/preloadable.ts';
import { ReportLink } from '../ui/ReportLink.tsx';
import { SignInView } from '../views/signIn/SignInView.tsx';
import { type Programme, ProgrammeProvider } from './programme.tsx';

// One chunk per view: the first screen loads only its own code (and later views plug in here).
const VIEWS_LOADED = {
  overview: preloadable(() => import('../views/overview/OverviewView.tsx')),
  forces: preloadable(() => import('../views/forces/ForcesView.tsx')),
  surveys: preloadable(() => import('../views/surveys/SurveysView.tsx')),
  accounts: preloadable(() => import('../views/accounts/AccountsView.tsx')),
  comments: preloadable(() => import('../views/comments/CommentsView.tsx')),
  cases: preloadable(() => import('../views/cases/CasesView.tsx')),
  settings: preloadable(() => import('../views/settings/SettingsView.tsx')),
  journeys: preloadable(() => import('../views/journeys/JourneysView.tsx')),
} satisfies Record<ViewName, unknown>;
// The opening view's code is fetched while the session is checked, not after.
const opening = routeOf(location.pathname, '').view;
if (opening in VIEWS_LOADED) void VIEWS_LOADED[opening as ViewName].preload();

const LANGUAGE_KEY = 'rapport.language';

type Session =
  | { state: 'checking' }
  | { state: 'signedOut' }
  | { state: 'signedIn'; me: Me; units: Unit[]; journeys: Journey[] };

/**
 * While the session is being checked the view is already drawn and asks for its figures, so they
 * do not wait a round trip; were the visitor signed out, those answers are 401s and the shell goes
 * to the sign-in page.
 */
const CHECKING = { state: 'checking' as const, me: null, units: [] as Unit[], journeys: [] as Journey[] };

const today = () => new Date().toISOString().slice(0, 10);

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [language, setLanguageState] = useState<UiLanguage>(() =>
    pickLanguage([localStorage.getItem(LANGUAGE_KEY), ...navigator.languages]),
  );
  const setLanguage = useCallback((next: UiLanguage) => {
    localStorage.setItem(LANGUAGE_KEY, next);
    setLanguageState(next);
  }, []);

  const load = useCallback(async () => {
    try {
      // Asked together: a signed-out visitor gets three 401s instead of waiting on one first.
      const [me, { units }, { journeys }] = await Promise.all([
        api.get<Me>('/me'),
        api.get<{ units: Unit[] }>('/units'),
        api.get<{ journeys: Journey[] }>('/journeys'),
      ]);
      rememberCsrfToken(me.csrfToken);
      // The user's own language applies unless this browser has chosen one.
      if (!localStorage.getItem(LANGUAGE_KEY) && me.locale) setLanguageState(pickLanguage([me.locale]));
      setSession({ state: 'signedIn', me, units, journeys });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSession({ state: 'signedOut' });
      else throw error;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <I18nProvider language={language} setLanguage={setLanguage}>
      <Shell session={session} onSignedIn={load} onSignedOut={() => setSession({ state: 'signedOut' })} />
    </I18nProvider>
  );
}

function Shell(props: { session: Session; onSignedIn: () => Promise<void>; onSignedOut: () => void }) {
  const { t, language, setLanguage } = useI18n();
  const route = useRoute();
  const { session } = props;

  useEffect(() => {
    if (session.state === 'signedOut' && route.view !== 'signIn') {
      const next = location.pathname + location.search;
      navigate(pathOf('signIn', new URLSearchParams({ next })), { replace: true });
    }
  }, [session.state, route.view]);

  const signOut = async () => {
    await api.post('/auth/sign-out', {}).catch(() => undefined);
    rememberCsrfToken(null);
    props.onSignedOut();
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        {session.state !== 'signedOut' && route.view !== 'signIn' && <Navigation route={route} />}
        <div className="top-tools">
          <label>
            <span className="visually-hidden">{t('app.language')}</span>
            <select
              value={language}
              onChange={(event) => setLanguage(event.target.value as UiLanguage)}
              aria-label={t('app.language')}
            >
              <option value="en" lang="en">
                English
              </option>
              <option value="it" lang="it">
                Italiano
              </option>
            </select>
          </label>
          {session.state === 'signedIn' && (
            <button type="button" className="secondary" onClick={signOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      {session.state === 'checking' && route.view === 'signIn' && (
        <main id="main" tabIndex={-1}>
          <p aria-busy="true">{t('app.loading')}</p>
        </main>
      )}
      {session.state !== 'checking' && route.view === 'signIn' && (
        <main id="main" tabIndex={-1}>
          <SignInView
            onSignedIn={async () => {
              await props.onSignedIn();
              const next = route.search.get('next');
              navigate(
                next?.startsWith(`${BASE}/`) && !next.startsWith(`${BASE}/sign-in`)
                  ? next
                  : pathOf('overview'),
                {
                  replace: true,
                },
              );
            }}
          />
        </main>
      )}
      {session.state !== 'signedOut' && route.view !== 'signIn' && (
        <SignedIn session={session.state === 'signedIn' ? session : CHECKING} route={route} />
      )}
    </>
  );
}

function Navigation(props: { route: Route }) {
  const { t } = useI18n();
  const search = new URLSearchParams(props.route.search);
  // Filters travel with the user from view to view; view-only keys (like a sort order) do not.
  const shared = searchFromFilters(filtersFromSearch(search, today()));
  return (
    <nav aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((view) => (
          <li key={view}>
            <Link href={pathOf(view, shared)} current={props.route.view === view}>
              {t(`nav.${view}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SignedIn(props: {
  session: Extract<Session, { state: 'signedIn' }> | typeof CHECKING;
  route: Route;
}) {
  const { t } = useI18n();
  const { route, session } = props;
  const filters = useMemo(() => filtersFromSearch(route.search, today()), [route.search]);
  const view = route.view === 'notFound' || route.view === 'signIn' ? null : route.view;
  const programme = useMemo<Programme>(
    () => ({
      me: session.me,
      ready: session.state === 'signedIn',
      units: session.units,
      journeys: session.journeys,
      filters,
      search: route.search,
      setFilters: (next: Filters, extra = {}) => {
        if (!view) return;
        navigate(pathOf(view, searchFromFilters(next, extra)));
      },
    }),
    [session, filters, route.search, view],
  );
  const View = view ? VIEWS_LOADED[view].Component : null;
  // Moving to another view puts the focus on its content (not on the first load: Tab starts at the skip link).
  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    document.getElementById('main')?.focus();
  }, [view]);
  return (
    <ProgrammeProvider value={programme}>
      {view && <FilterBar view={view} />}
      <main id="main" tabIndex={-1}>
        {view && <ReportLink view={view} search={route.search} />}
        {View ? (
          <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
            <View />
          </Suspense>
        ) : (
          <p>{t('app.notFound')}</p>
        )}
      </main>
    </ProgrammeProvider>
  );
}

export type { Filters };
