import { atBoundary, toSafe, validationError, type SafeResult } from '../core/errors.js';
import { frozenCopy } from '../core/freeze.js';
import { issuesFromZod } from '../core/schema.js';
import { CatalogSchema, type Catalog } from './schema.js';
import { markCreatedCatalog } from './catalog-index.js';

/**
 * Checks the shape of a catalogue and returns a deep-frozen copy. It checks the shape only (every part, every
 * issue with its path); references across the catalogue (a target naming a missing definition, a dependency
 * cycle, an OLA looser than its SLA) are reported by {@link validateCatalog}, so that a catalogue being edited
 * can be loaded and all of its findings listed at once.
 *
 * @param input - The catalogue as plain JSON.
 * @returns The validated, frozen catalogue.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path (`agreements[0].targets[1].priority: ...`).
 * @example
 * ```ts
 * const catalog = createCatalog({ services: [{ id: 'email', name: 'Email', lifecycle: 'live', criticality: 'high' }] });
 * ```
 * @category Catalogue
 */
export function createCatalog(input: Catalog): Catalog {
  return atBoundary(() => {
    const r = CatalogSchema.safeParse(input);
    if (!r.success) throw validationError('catalogue', issuesFromZod(r.error));
    return markCreatedCatalog(frozenCopy(r.data) as Catalog);
  });
}

/**
 * Like {@link createCatalog}, but returns `{ success: false, error }` instead of throwing.
 *
 * @param input - Untrusted input.
 * @returns The catalogue or the error with every issue.
 * @example
 * ```ts
 * const r = safeCreateCatalog(JSON.parse(text));
 * if (!r.success) console.error(r.error.issues);
 * ```
 * @category Catalogue
 */
export function safeCreateCatalog(input: unknown): SafeResult<Catalog> {
  return toSafe(() => createCatalog(input as Catalog));
}
