import { describe, expect, it } from 'vitest';
import { type DistributionRule, decideInvitation, type InvitationFacts } from './decideInvitation.ts';

const rule: DistributionRule = {
  delayMinutes: 60,
  defaultLanguage: 'en',
  contactCapDays: 30,
  accountCapPerQuarter: 2,
  quietHours: { start: '20:00', end: '08:00' },
  timeZone: 'Europe/Rome',
};
const facts: InvitationFacts = {
  contact: { language: 'it', consent: true, optedOut: false, suppressed: false },
  surveyOpen: true,
  surveyLanguages: ['en', 'it'],
  latestContactInvitation: null,
  accountInvitationsInQuarter: 0,
};
const now = new Date('2025-05-06T09:00:00Z'); // 11:00 in Rome

describe('deciding an invitation', () => {
  it('invites after the delay in the contact’s language', () => {
    expect(decideInvitation(rule, facts, now, now)).toEqual({
      invite: true,
      sendAt: new Date('2025-05-06T10:00:00Z'),
      language: 'it',
    });
  });

  it('falls back to the rule’s language when the survey does not speak the contact’s', () => {
    const decision = decideInvitation(rule, { ...facts, surveyLanguages: ['en'] }, now, now);
    expect(decision).toMatchObject({ invite: true, language: 'en' });
  });

  it('never sends in the past, and waits for the end of quiet hours', () => {
    const lastWeek = new Date('2025-04-29T09:00:00Z');
    expect(decideInvitation(rule, facts, lastWeek, now)).toMatchObject({ sendAt: now });
    const evening = new Date('2025-05-06T18:30:00Z'); // 20:30 in Rome, +1 h delay → 21:30
    expect(decideInvitation(rule, facts, evening, evening)).toMatchObject({
      sendAt: new Date('2025-05-07T06:00:00Z'),
    });
  });

  it('respects consent, opt-out and suppression before anything else', () => {
    const contact = facts.contact!;
    expect(decideInvitation(rule, { ...facts, contact: null }, now, now)).toEqual({
      invite: false,
      reason: 'no_contact',
    });
    expect(decideInvitation(rule, { ...facts, contact: { ...contact, consent: false } }, now, now)).toEqual({
      invite: false,
      reason: 'no_consent',
    });
    expect(decideInvitation(rule, { ...facts, contact: { ...contact, optedOut: true } }, now, now)).toEqual({
      invite: false,
      reason: 'opted_out',
    });
    expect(decideInvitation(rule, { ...facts, contact: { ...contact, suppressed: true } }, now, now)).toEqual(
      {
        invite: false,
        reason: 'suppressed',
      },
    );
    expect(decideInvitation(rule, { ...facts, surveyOpen: false }, now, now)).toEqual({
      invite: false,
      reason: 'survey_not_open',
    });
  });

  it('caps invitations per contact within the window and per account per quarter', () => {
    const sendAt = new Date('2025-05-06T10:00:00Z');
    const day = 86_400_000;
    const recent = new Date(sendAt.getTime() - 29 * day);
    const old = new Date(sendAt.getTime() - 30 * day);
    expect(decideInvitation(rule, { ...facts, latestContactInvitation: recent }, now, now)).toEqual({
      invite: false,
      reason: 'contact_cap',
    });
    expect(decideInvitation(rule, { ...facts, latestContactInvitation: old }, now, now)).toMatchObject({
      invite: true,
    });
    // One already queued for later also counts.
    const queued = new Date(sendAt.getTime() + 3 * day);
    expect(decideInvitation(rule, { ...facts, latestContactInvitation: queued }, now, now)).toMatchObject({
      reason: 'contact_cap',
    });
    expect(decideInvitation(rule, { ...facts, accountInvitationsInQuarter: 1 }, now, now)).toMatchObject({
      invite: true,
    });
    expect(decideInvitation(rule, { ...facts, accountInvitationsInQuarter: 2 }, now, now)).toEqual({
      invite: false,
      reason: 'account_cap',
    });
    const uncapped = { ...rule, contactCapDays: null, accountCapPerQuarter: null };
    expect(
      decideInvitation(
        uncapped,
        { ...facts, latestContactInvitation: recent, accountInvitationsInQuarter: 99 },
        now,
        now,
      ),
    ).toMatchObject({ invite: true });
  });
});
