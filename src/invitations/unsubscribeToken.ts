import { createHmac } from 'node:crypto';
import { sameSecret } from '../identity/secrets.ts';

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const signature = (signingKey: string, orgId: string, invitationId: string) =>
  createHmac('sha256', signingKey).update(`unsubscribe:${orgId}:${invitationId}`).digest('base64url');

/** The token in an unsubscribe link: organisation and invitation ids, signed with the organisation's key. */
export function unsubscribeToken(orgId: string, invitationId: string, signingKey: string): string {
  const ids = Buffer.concat([uuidBytes(orgId), uuidBytes(invitationId)]).toString('base64url');
  return `${ids}.${signature(signingKey, orgId, invitationId)}`;
}

/** The ids an unsubscribe token names (not yet verified: `verify` needs the organisation's key). */
export function readUnsubscribeToken(
  token: string,
): { orgId: string; invitationId: string; verify(signingKey: string): boolean } | null {
  const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const bytes = Buffer.from(match[1], 'base64url');
  if (bytes.length !== 32) return null;
  const orgId = uuidOf(bytes.subarray(0, 16));
  const invitationId = uuidOf(bytes.subarray(16));
  return {
    orgId,
    invitationId,
    verify: (signingKey) => sameSecret(signature(signingKey, orgId, invitationId), match[2]),
  };
}
