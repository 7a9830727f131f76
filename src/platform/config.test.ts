import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from './config.ts';

describe('configuration', () => {
  it('refuses private webhook receivers unless RAPPORT_WEBHOOK_ALLOW_PRIVATE is set', () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ RAPPORT_WEBHOOK_ALLOW_PRIVATE: '' }).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ RAPPORT_WEBHOOK_ALLOW_PRIVATE: 'false' }).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ RAPPORT_WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
  });

  it('lists every variable in the README configuration table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [name] of CONFIG_VARIABLES) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
