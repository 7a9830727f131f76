import { useSyncExternalStore } from 'react';

/** Where the app is mounted: every route path is below it. */
export const BASE = '/app';

export const VIEWS = [
  'overview',
  'forces',
  'journeys',
  'surveys',
  'accounts',
  'comments',
  'cases',
  'settings',
] as const;
export type ViewName = (typeof VIEWS)[number];

export interface Route {
  view: ViewName | 'signIn' | 'notFound';
  search: URLSearchParams;
}

/** The view a path names: /app and /app/ open the overview. */
export function routeOf(pathname: string, search: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const name = rest.replace(/^\/+|\/+$/g, '') || 'overview';
  const view =
    name === 'sign-in' ? 'signIn' : (VIEWS as readonly string[]).includes(name) ? name : 'notFound';
  return { view: view as Route['view'], search: new URLSearchParams(search) };
}

export function pathOf(view: ViewName | 'signIn', search?: URLSearchParams | string): string {
  const query = search ? String(search) : '';
  return `${BASE}/${view === 'signIn' ? 'sign-in' : view}${query ? `?${query}` : ''}`;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

/** Goes to a URL inside the app without reloading; `replace` keeps the history tidy for filter edits. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentUrl = () => location.pathname + location.search;

/** The current route; re-renders on every navigation. */
export function useRoute(): Route {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const [pathname, search = ''] = url.split('?');
  return routeOf(pathname, search);
}
