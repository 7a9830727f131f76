import { z } from 'zod';

export const CONDITION_OPERATORS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'answered',
  'notAnswered',
] as const;

export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A literal a condition compares with: a scalar, or a list for `in`. */
export type ConditionValue = string | number | boolean | readonly (string | number)[];

export type QuestionCondition = {
  readonly question: string;
  readonly op: ConditionOperator;
  readonly value?: ConditionValue;
};

export type HiddenFieldCondition = {
  readonly hidden: string;
  readonly op: ConditionOperator;
  readonly value?: ConditionValue;
};

/** A display or skip condition: a small expression tree over earlier answers and hidden fields. */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | QuestionCondition
  | HiddenFieldCondition;

const operatorSchema = z.enum(CONDITION_OPERATORS);

const conditionValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number()])),
]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({
      question: z.string().min(1),
      op: operatorSchema,
      value: conditionValueSchema.optional(),
    }),
    z.strictObject({ hidden: z.string().min(1), op: operatorSchema, value: conditionValueSchema.optional() }),
  ]),
);
