import { createContext, type ReactNode, useContext } from 'react';
import type { Journey, Localized, Me, Unit } from '../api/types.ts';
import type { Filters } from '../filters/filters.ts';

/** What every view may need besides its own data: who is signed in, the units in scope, the journeys, the filters. */
export interface Programme {
  /** Null while the session is being checked (the view already asks for its figures meanwhile). */
  me: Me | null;
  /** The user, units and journeys are known. */
  ready: boolean;
  units: Unit[];
  journeys: Journey[];
  filters: Filters;
  search: URLSearchParams;
  /** Replaces the filters (and keeps view-specific URL keys given in `extra`). */
  setFilters: (filters: Filters, extra?: Record<string, string | undefined>) => void;
}

const Context = createContext<Programme | null>(null);

export function ProgrammeProvider(props: { value: Programme; children: ReactNode }) {
  return <Context.Provider value={props.value}>{props.children}</Context.Provider>;
}

export function useProgramme(): Programme {
  const value = useContext(Context);
  if (!value) throw new Error('useProgramme outside ProgrammeProvider');
  return value;
}

/** A localised name in the interface language, or the first one there is. */
export function localName(name: Localized, language: string): string {
  return name[language] ?? name.en ?? Object.values(name)[0] ?? '';
}

/** Touchpoint id → name, for breakdown rows keyed by id. */
export function touchpointNames(journeys: Journey[], language: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const journey of journeys)
    for (const stage of journey.stages)
      for (const touchpoint of stage.touchpoints)
        names.set(touchpoint.touchpointId, localName(touchpoint.name, language));
  return names;
}
