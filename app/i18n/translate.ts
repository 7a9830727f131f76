import { CATALOGUES, type MessageKey, UI_LANGUAGES, type UiLanguage } from './messages.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A message in the language with its `{name}` slots filled (values are text, never markup). */
export function translator(language: UiLanguage): Translate {
  const catalogue = CATALOGUES[language];
  return (key, values) =>
    catalogue[key].replace(/\{(\w+)\}/g, (slot, name: string) =>
      values && name in values ? String(values[name]) : slot,
    );
}

/** The first supported language among the stored choice, the user's own and the browser's. */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): UiLanguage {
  for (const candidate of candidates) {
    const primary = candidate?.toLowerCase().split(/[-_]/)[0];
    if (primary && (UI_LANGUAGES as string[]).includes(primary)) return primary as UiLanguage;
  }
  return 'en';
}

/** Whether a key built from data (a status, a kind) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGUES.en, key);
}
