import { z } from 'zod';

export const roleSchema = z.enum(['owner', 'admin', 'analyst', 'manager', 'agent', 'viewer']);

export const signInBody = z.strictObject({
  /** The user's email address. */
  email: z.string().email().max(320).describe('The email address the user signs in with'),
  /** The password. */
  password: z.string().min(1).max(1024).describe('The password'),
  /** An organisation slug, needed only when the email belongs to users in several organisations. */
  organisation: z.string().max(100).optional().describe('Organisation slug, when the email is in several'),
});

export const meResponse = z.object({
  orgId: z.string(),
  userId: z.string().nullable(),
  tokenId: z.string().nullable(),
  role: roleSchema,
  unitId: z.string().nullable(),
  csrfToken: z.string().nullable(),
  name: z.string().nullable().optional().describe('The signed-in user’s name (absent for tokens)'),
  email: z.string().nullable().optional(),
  locale: z.string().nullable().optional().describe('The user’s interface language'),
});

export const createTokenBody = z.strictObject({
  name: z.string().min(1).max(200).describe('What the token is for, e.g. "CRM integration"'),
  role: z.enum(['admin', 'analyst', 'viewer']).default('analyst').describe('What the token may do'),
  unitId: z.string().uuid().nullable().default(null).describe('Limit the token to this unit subtree'),
});

export const tokenSummary = z.object({
  tokenId: z.string(),
  name: z.string(),
  role: z.string(),
  unitId: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createUserBody = z.strictObject({
  email: z.string().email().max(320).describe('Email address, unique in the organisation'),
  name: z.string().min(1).max(200).describe('Display name'),
  password: z.string().min(10).max(1024).describe('Initial password (at least 10 characters)'),
  role: roleSchema.describe('Role in the organisation'),
  unitId: z
    .string()
    .uuid()
    .nullable()
    .default(null)
    .describe('Unit whose subtree the user sees; null for all'),
  locale: z.enum(['en', 'it']).default('en').describe('Interface language'),
});

export const changeUserBody = z
  .strictObject({
    role: roleSchema.optional().describe('The new role'),
    unitId: z
      .uuid()
      .nullable()
      .optional()
      .describe('The unit whose subtree the user sees; null for the whole organisation'),
  })
  .refine((body) => body.role !== undefined || body.unitId !== undefined, {
    message: 'Give a role, a unit or both',
  });
