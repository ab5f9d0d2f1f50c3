import { z } from 'zod';

// A scorecard is data: users edit it through the API, and each change is a new version.

export const colors = ['red', 'yellow', 'green'] as const;
export type Color = (typeof colors)[number];

const band = z.strictObject({
  /** Inclusive lower bound; omitted = no lower bound. */
  min: z.number().optional(),
  /** Exclusive upper bound; omitted = no upper bound. */
  max: z.number().optional(),
  score: z.number().min(0).max(100),
  color: z.enum(colors),
});

export const scaleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bands'),
    /** The first band whose [min, max) holds the value gives the score and this measure's own colour. */
    bands: z.array(band).min(1),
  }),
  z.strictObject({
    kind: z.literal('linear'),
    /** The value that scores 0 and the value that scores 100; values beyond are clamped. from > to = lower is better. */
    from: z.number(),
    to: z.number(),
  }),
]);

export const missingSchema = z.discriminatedUnion('kind', [
  /** Leave the measure out and share its weight among the others of its group. */
  z.strictObject({ kind: z.literal('exclude') }),
  /** Score a missing value as this. */
  z.strictObject({ kind: z.literal('fixed'), score: z.number().min(0).max(100) }),
]);

export const measureNodeSchema = z.strictObject({
  type: z.literal('measure'),
  measure: z.string().min(1).describe('The id of a measure, e.g. usage.licence_utilisation.'),
  label: z.string().optional(),
  weight: z.number().positive(),
  scale: scaleSchema,
  missing: missingSchema,
});

export interface GroupNode {
  type: 'group';
  name: string;
  weight: number;
  /** weighted: the weighted mean of the children; worst: the lowest child (one bad sign is enough). */
  mode: 'weighted' | 'worst';
  children: ScorecardNode[];
}
export type MeasureNode = z.infer<typeof measureNodeSchema>;
export type ScorecardNode = GroupNode | MeasureNode;

export const groupNodeSchema: z.ZodType<GroupNode> = z.lazy(() =>
  z
    .strictObject({
      type: z.literal('group'),
      name: z.string().min(1),
      weight: z.number().positive(),
      mode: z.enum(['weighted', 'worst']),
      children: z.array(z.union([measureNodeSchema, groupNodeSchema])).min(1),
    })
    .meta({ id: 'ScorecardGroup' }),
);

export const thresholdsSchema = z
  .strictObject({
    /** Below this the overall colour is red. */
    red: z.number().min(0).max(100),
    /** Below this (and not red) it is yellow; at or above, green. */
    yellow: z.number().min(0).max(100),
  })
  .refine((t) => t.red <= t.yellow, { error: 'red must not be above yellow', path: ['red'] });

export type Thresholds = z.infer<typeof thresholdsSchema>;
export type Scale = z.infer<typeof scaleSchema>;
export type MissingPolicy = z.infer<typeof missingSchema>;
