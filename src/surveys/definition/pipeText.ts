/** Values available to `{{namespace.key}}` placeholders. */
export type PipingContext = {
  readonly contact?: Readonly<Record<string, string | number | null | undefined>>;
  readonly account?: Readonly<Record<string, string | number | null | undefined>>;
  readonly hidden?: Readonly<Record<string, string | number | boolean | null | undefined>>;
};

/** The placeholder namespaces a survey text may use. */
export const PIPING_NAMESPACES = ['contact', 'account', 'hidden'] as const;

/** `{{ namespace.key }}`, spaces inside the braces allowed. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * A text with its `{{contact.x}}`, `{{account.x}}` and `{{hidden.x}}` placeholders replaced by the
 * context values. Nothing is escaped here (the renderer escapes); an unknown namespace, key or an
 * empty value renders as the empty string.
 * @param text the (already localised) text
 * @param context the values to pipe in
 * @returns the text with placeholders substituted
 * @example pipeText('Hi {{contact.firstName}}{{contact.nickname}}!', { contact: { firstName: 'Ada' } }) // 'Hi Ada!'
 */
export function pipeText(text: string, context: PipingContext): string {
  return text.replace(PLACEHOLDER_PATTERN, (_match, expression: string) => {
    const dot = expression.indexOf('.');
    if (dot <= 0) return '';
    const namespace = expression.slice(0, dot);
    const key = expression.slice(dot + 1);
    if (!(PIPING_NAMESPACES as readonly string[]).includes(namespace)) return '';
    const values = context[namespace as (typeof PIPING_NAMESPACES)[number]];
    if (values === undefined || !Object.hasOwn(values, key)) return '';
    const value = values[key];
    return value === undefined || value === null ? '' : String(value);
  });
}
