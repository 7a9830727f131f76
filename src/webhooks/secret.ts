import { randomBytes } from 'node:crypto';

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The message id receivers deduplicate on; the same for every attempt of an event. */
export function webhookMessageId(eventId: string): string {
  return `msg_${eventId.replaceAll('-', '')}`;
}
