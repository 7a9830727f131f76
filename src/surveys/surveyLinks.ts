import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret, sha256 } from '../identity/secrets.ts';

/**
 * Personal links carry 32 random bytes after the organisation id (both base64url), so the lookup is a
 * primary-key read that starts with org_id and the secret part has 256 bits, well over the 128 required.
 */
export function newPersonalToken(orgId: string): { token: string; tokenHash: string } {
  const secret = randomBytes(32);
  const token = Buffer.concat([Buffer.from(orgId.replaceAll('-', ''), 'hex'), secret]).toString('base64url');
  return { token, tokenHash: sha256(secret.toString('base64url')) };
}

/**
 * A personal token derived from the organisation's signing key and a purpose (an invitation id):
 * the same format as a random one, reproducible for reminders without storing the token itself.
 */
export function derivedPersonalToken(
  orgId: string,
  signingKey: string,
  purpose: string,
): { token: string; tokenHash: string } {
  const secret = createHmac('sha256', signingKey).update(`personal-token:${purpose}`).digest();
  const token = Buffer.concat([Buffer.from(orgId.replaceAll('-', ''), 'hex'), secret]).toString('base64url');
  return { token, tokenHash: sha256(secret.toString('base64url')) };
}

export function readPersonalToken(token: string): { orgId: string; tokenHash: string } | null {
  if (!/^[A-Za-z0-9_-]{64}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 48) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  const orgId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { orgId, tokenHash: sha256(bytes.subarray(16).toString('base64url')) };
}

/** The canonical form of an open link's hidden fields: sorted `name=value` pairs. */
function canonical(hidden: Record<string, string>): string {
  return Object.keys(hidden)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(hidden[name])}`)
    .join('&');
}

/** HMAC-SHA256 over the survey slug and its hidden fields with the organisation's signing key. */
export function signHidden(signingKey: string, slug: string, hidden: Record<string, string>): string {
  return createHmac('sha256', signingKey)
    .update(`${slug}?${canonical(hidden)}`)
    .digest('base64url');
}

export function verifyHidden(
  signingKey: string,
  slug: string,
  hidden: Record<string, string>,
  signature: string,
): boolean {
  return sameSecret(signHidden(signingKey, slug, hidden), signature);
}

/** An open link whose hidden fields (account, touchpoint…) cannot be changed without breaking the signature. */
export function openLink(
  baseUrl: string,
  signingKey: string,
  slug: string,
  hidden: Record<string, string>,
): string {
  const url = new URL(`/s/open/${encodeURIComponent(slug)}`, baseUrl);
  if (Object.keys(hidden).length === 0) return url.toString();
  for (const name of Object.keys(hidden).sort()) url.searchParams.set(name, hidden[name]);
  url.searchParams.set('sig', signHidden(signingKey, slug, hidden));
  return url.toString();
}
