import { useEffect } from 'react';

/** The document title names the view, so tabs, history and screen readers say where one is. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Rapport`;
  }, [title]);
}
