/**
 * The three change models (ITIL 4 change types): `normal` goes through assessment and authorisation,
 * `standard` is pre-approved from a template, `emergency` is authorised by the emergency CAB.
 *
 * @example
 * ```ts
 * CHANGE_MODELS.includes('standard'); // true
 * ```
 * @category Lifecycle
 */
export const CHANGE_MODELS = ['normal', 'standard', 'emergency'] as const;

/**
 * One of {@link CHANGE_MODELS}.
 *
 * @example
 * ```ts
 * const model: ChangeModel = 'emergency';
 * ```
 * @category Lifecycle
 */
export type ChangeModel = (typeof CHANGE_MODELS)[number];
