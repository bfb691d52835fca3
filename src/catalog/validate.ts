import { foreignError } from '../core/errors.js';
import { issuesFromZod } from '../core/schema.js';
import { quote } from '../core/describe.js';
import { formatDuration, parseDurationOrNull } from '../core/duration.js';
import type { SlaDefinition } from '../sla/definition.js';
import { CatalogSchema, type AgreementTarget, type Catalog, type CatalogAgreement } from './schema.js';

/**
 * What a {@link CatalogFinding} is about.
 *
 * - `invalid_shape`: the input is not a catalogue (a zod issue; references are not checked until the shape is right).
 * - `duplicate_id`: two services (offerings, agreements, items, definitions, calendars) share an id.
 * - `dangling_reference`: an id that names nothing in the catalogue.
 * - `dependency_cycle`: services that depend on each other in a loop (one finding per loop).
 * - `retired_service_in_live_agreement`: an active agreement still covers a retired service.
 * - `looser_than_underpinned`: an OLA or UC target allows more time than the SLA target it underpins.
 * - `conflicting_targets`: two targets of live agreements claim the same tickets with different definitions.
 * - `agreement_type_mismatch`: a target's definition is declared for another agreement type (a UC target
 *   measured by an `agreement: 'SLA'` definition).
 * - `invalid_underpinning`: an SLA that claims to underpin, or an OLA / UC underpinning something other than an SLA.
 * - `offering_outside_agreement`: an offering used for a service it does not belong to.
 *
 * @example
 * ```ts
 * const code: CatalogFindingCode = 'dangling_reference';
 * ```
 * @category Catalogue
 */
export type CatalogFindingCode =
  | 'invalid_shape'
  | 'duplicate_id'
  | 'dangling_reference'
  | 'dependency_cycle'
  | 'retired_service_in_live_agreement'
  | 'looser_than_underpinned'
  | 'conflicting_targets'
  | 'agreement_type_mismatch'
  | 'invalid_underpinning'
  | 'offering_outside_agreement';

/**
 * One problem of a catalogue, in the validation issue shape: a code, the path of the offending value, and a
 * message that names the ids involved and the fix.
 *
 * @example
 * ```ts
 * const f: CatalogFinding = { code: 'dangling_reference', path: ['services', 0, 'dependsOn', 0],
 *   message: 'service "email" depends on "identiy", which is not a service of the catalogue' };
 * ```
 * @category Catalogue
 */
export interface CatalogFinding {
  readonly code: CatalogFindingCode;
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

type Path = Array<string | number>;

/** The kind of target a definition measures (`custom` when it does not say). */
const kindOf = (d: SlaDefinition): string => d.kind ?? 'custom';

/** A definition's target as a comparable figure: business ms, or business days (relative targets). */
function targetSize(d: SlaDefinition): { unit: 'ms' | 'days'; value: number; text: string } | null {
  if (typeof d.target === 'string') {
    const ms = parseDurationOrNull(d.target);
    return ms === null ? null : { unit: 'ms', value: ms, text: formatDuration(ms, { days: false }) };
  }
  const at = d.target.at;
  // The n-th business day at `at`, or at its close (counted as the end of that day) when `at` is not set.
  const minutes = at === undefined ? 1440 : Number(at.slice(0, 2)) * 60 + Number(at.slice(3));
  return { unit: 'days', value: d.target.businessDays * 1440 + minutes, text: `${d.target.businessDays} business days${at === undefined ? '' : ` at ${at}`}` };
}

/** Whether two targets can apply to the same ticket (each scope is a wildcard when unset). */
const overlaps = (a: AgreementTarget, b: AgreementTarget): boolean =>
  (a.priority === undefined || b.priority === undefined || a.priority === b.priority) &&
  (a.offering === undefined || b.offering === undefined || a.offering === b.offering);

const sameScope = (a: AgreementTarget, b: AgreementTarget): boolean => a.priority === b.priority && a.offering === b.offering;

const scopeText = (t: AgreementTarget): string => {
  const parts = [t.priority === undefined ? null : `priority ${t.priority}`, t.offering === undefined ? null : `offering ${quote(t.offering)}`].filter((x) => x !== null);
  return parts.length === 0 ? 'every ticket' : parts.join(' and ');
};

/** Checks ids for duplicates, returning the first index of each. */
function indexIds(list: readonly { id: string }[] | readonly string[], key: string, what: string, out: CatalogFinding[]): Map<string, number> {
  const seen = new Map<string, number>();
  list.forEach((entry, i) => {
    const id = typeof entry === 'string' ? entry : entry.id;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else out.push({ code: 'duplicate_id', path: typeof entry === 'string' ? [key, i] : [key, i, 'id'], message: `${what} id ${quote(id)} is used again (first at ${key}[${first}]); give each ${what} its own id` });
  });
  return seen;
}

/**
 * Every problem of a catalogue, each with its path: the shape first (if the input is not a catalogue, only its
 * shape issues are reported, as `invalid_shape`), then every dangling reference, duplicate id, dependency
 * cycle, retired service in a live agreement, OLA or UC target looser than the SLA it underpins, conflicting
 * targets, mismatched agreement types and misplaced offerings. An empty list means the catalogue is sound.
 *
 * Rules worth knowing: only `active` agreements are live; targets are compared by their definitions' nominal
 * business durations (a relative target `{ businessDays }` only with another relative one); two targets
 * conflict when they belong to one agreement, or to two live agreements of the same type for a common service
 * and equally specific parties, and claim the same kind of target for the same priority and offering with a
 * different definition or calendar.
 *
 * @param input - A catalogue (from {@link createCatalog}) or untrusted JSON.
 * @returns The findings, in the order of the catalogue's parts.
 * @example
 * ```ts
 * for (const f of validateCatalog(catalog)) console.log(`${f.path.join('.')}: ${f.message}`);
 * ```
 * @category Catalogue
 */
export function validateCatalog(input: unknown): CatalogFinding[] {
  try {
    const parsed = CatalogSchema.safeParse(input);
    if (!parsed.success) {
      return issuesFromZod(parsed.error).map((i) => ({ code: 'invalid_shape', path: i.path, message: i.message }));
    }
    const c = parsed.data as Catalog;
    const out: CatalogFinding[] = [];
    const services = c.services, offerings = c.offerings ?? [], agreements = c.agreements ?? [];
    const items = c.items ?? [], definitions = c.slaDefinitions ?? [], calendars = c.calendars ?? [];

    const serviceIx = indexIds(services, 'services', 'service', out);
    const offeringIx = indexIds(offerings, 'offerings', 'offering', out);
    const agreementIx = indexIds(agreements, 'agreements', 'agreement', out);
    indexIds(items, 'items', 'item', out);
    const definitionIx = indexIds(definitions, 'slaDefinitions', 'SLA definition', out);
    const calendarIds = new Set(['24x7', ...indexIds(calendars, 'calendars', 'calendar', out).keys()]);
    const definition = (id: string): SlaDefinition | undefined => {
      const i = definitionIx.get(id);
      return i === undefined ? undefined : definitions[i];
    };
    const dangling = (path: Path, what: string, id: string, kind: string, hint: string): void => {
      out.push({ code: 'dangling_reference', path, message: `${what} names ${kind} ${quote(id)}, which is not in the catalogue; ${hint}` });
    };
    const checkCalendar = (path: Path, what: string, id: string): void => {
      if (!calendarIds.has(id)) dangling(path, what, id, 'calendar', 'add its id to `calendars` (or use "24x7")');
    };

    services.forEach((s, i) => {
      (s.dependsOn ?? []).forEach((d, j) => {
        if (!serviceIx.has(d)) dangling(['services', i, 'dependsOn', j], `service ${quote(s.id)}`, d, 'the service', 'add the service or remove the dependency');
      });
    });
    out.push(...dependencyCycles(c, serviceIx));

    offerings.forEach((o, i) => {
      if (!serviceIx.has(o.service)) dangling(['offerings', i, 'service'], `offering ${quote(o.id)}`, o.service, 'the service', 'add the service or fix the id');
    });

    definitions.forEach((d, i) => checkCalendar(['slaDefinitions', i, 'calendar'], `SLA definition ${quote(d.id)}`, d.calendar));

    agreements.forEach((a, i) => {
      const what = `${a.type} ${quote(a.id)}`;
      a.services.forEach((sid, j) => {
        const si = serviceIx.get(sid);
        if (si === undefined) dangling(['agreements', i, 'services', j], what, sid, 'the service', 'add the service or fix the id');
        else if (a.status === 'active' && services[si]!.lifecycle === 'retired') {
          out.push({ code: 'retired_service_in_live_agreement', path: ['agreements', i, 'services', j], message: `active ${what} still covers the retired service ${quote(sid)}; remove it from the agreement or set the agreement to "expired"` });
        }
      });
      (a.underpins ?? []).forEach((uid, j) => {
        const ui = agreementIx.get(uid);
        if (a.type === 'SLA') {
          out.push({ code: 'invalid_underpinning', path: ['agreements', i, 'underpins', j], message: `${what} cannot underpin ${quote(uid)}: only OLAs and UCs underpin SLAs` });
        } else if (ui === undefined) {
          dangling(['agreements', i, 'underpins', j], what, uid, 'the agreement', 'add the SLA or fix the id');
        } else if (agreements[ui]!.type !== 'SLA') {
          out.push({ code: 'invalid_underpinning', path: ['agreements', i, 'underpins', j], message: `${what} underpins ${quote(uid)}, which is an ${agreements[ui]!.type}, not an SLA` });
        }
      });
      a.targets.forEach((t, j) => {
        const path: Path = ['agreements', i, 'targets', j];
        const d = definition(t.definition);
        if (d === undefined) dangling([...path, 'definition'], `${what} target ${j}`, t.definition, 'the SLA definition', 'add it to `slaDefinitions` or fix the id');
        else if ((d.agreement ?? 'SLA') !== a.type) {
          out.push({ code: 'agreement_type_mismatch', path: [...path, 'definition'], message: `${what} target ${j} uses ${quote(d.id)}, a definition declared for ${d.agreement ?? 'SLA'} targets; use an ${a.type} definition (agreement: "${a.type}")` });
        }
        if (t.calendar !== undefined) checkCalendar([...path, 'calendar'], `${what} target ${j}`, t.calendar);
        if (t.offering !== undefined) {
          const oi = offeringIx.get(t.offering);
          if (oi === undefined) dangling([...path, 'offering'], `${what} target ${j}`, t.offering, 'the offering', 'add the offering or fix the id');
          else if (!a.services.includes(offerings[oi]!.service)) {
            out.push({ code: 'offering_outside_agreement', path: [...path, 'offering'], message: `${what} target ${j} is for offering ${quote(t.offering)} of service ${quote(offerings[oi]!.service)}, which the agreement does not cover` });
          }
        }
      });
    });

    out.push(...conflicts(agreements, definition), ...looserTargets(agreements, agreementIx, definition));

    items.forEach((it, i) => {
      const what = `item ${quote(it.id)}`;
      if (!serviceIx.has(it.service)) dangling(['items', i, 'service'], what, it.service, 'the service', 'add the service or fix the id');
      if (it.offering !== undefined) {
        const oi = offeringIx.get(it.offering);
        if (oi === undefined) dangling(['items', i, 'offering'], what, it.offering, 'the offering', 'add the offering or fix the id');
        else if (offerings[oi]!.service !== it.service) {
          out.push({ code: 'offering_outside_agreement', path: ['items', i, 'offering'], message: `${what} is for service ${quote(it.service)} but its offering ${quote(it.offering)} belongs to ${quote(offerings[oi]!.service)}` });
        }
      }
      if (it.fulfilment !== undefined) {
        if (definition(it.fulfilment.definition) === undefined) dangling(['items', i, 'fulfilment', 'definition'], what, it.fulfilment.definition, 'the SLA definition', 'add it to `slaDefinitions` or fix the id');
        if (it.fulfilment.calendar !== undefined) checkCalendar(['items', i, 'fulfilment', 'calendar'], what, it.fulfilment.calendar);
      }
    });
    return out;
  } catch (e) {
    throw foreignError(e);
  }
}

/** One finding per strongly connected component with a loop (Tarjan's algorithm, iterative-safe for catalogues). */
function dependencyCycles(c: Catalog, serviceIx: ReadonlyMap<string, number>): CatalogFinding[] {
  const n = c.services.length;
  const edges = c.services.map((s) => (s.dependsOn ?? []).map((d) => serviceIx.get(d)).filter((x): x is number => x !== undefined));
  const index = new Array<number>(n).fill(-1), low = new Array<number>(n).fill(0), onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of edges[v]!) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v]!, low[w]!);
      } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
    }
    if (low[v] === index[v]) {
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        comp.push(w);
      } while (w !== v);
      components.push(comp);
    }
  };
  for (let v = 0; v < n; v++) if (index[v] === -1) visit(v);
  const out: CatalogFinding[] = [];
  for (const comp of components) {
    const members = new Set(comp);
    const first = Math.min(...comp);
    if (comp.length === 1 && !edges[first]!.includes(first)) continue;
    // Walk the loop from the first member, along edges inside the component, for the message.
    const loop = [first];
    for (let v = first, guard = 0; guard < comp.length; guard++) {
      const next = edges[v]!.find((w) => members.has(w) && (w === first || !loop.includes(w)));
      if (next === undefined || next === first) break;
      loop.push(next);
      v = next;
    }
    const last = loop.at(-1)!;
    const j = (c.services[last]!.dependsOn ?? []).findIndex((d) => serviceIx.get(d) === first);
    const names = [...loop, first].map((v) => quote(c.services[v]!.id)).join(' → ');
    out.push({ code: 'dependency_cycle', path: ['services', last, 'dependsOn', Math.max(j, 0)], message: `services depend on each other in a loop: ${names}; remove one of these dependencies` });
  }
  return out.sort((a, b) => (a.path[1] as number) - (b.path[1] as number));
}

const partiesRank = (a: CatalogAgreement): number => ((a.parties ?? []).length === 0 ? 0 : 1);
const sharesParty = (a: CatalogAgreement, b: CatalogAgreement): boolean => {
  const pa = a.parties ?? [], pb = b.parties ?? [];
  if (pa.length === 0 || pb.length === 0) return pa.length === pb.length;
  return pa.some((p) => pb.includes(p));
};

function conflicts(agreements: readonly CatalogAgreement[], definition: (id: string) => SlaDefinition | undefined): CatalogFinding[] {
  const out: CatalogFinding[] = [];
  const flat = agreements.flatMap((a, i) => a.targets.map((t, j) => ({ a, i, t, j, d: definition(t.definition) })));
  // Only targets of the same kind and scope, in one agreement or in agreements sharing a service, can conflict:
  // compare within buckets keyed by scope and by agreement or service, never all pairs.
  const buckets = new Map<string, typeof flat>();
  for (const later of flat) {
    if (later.d === undefined) continue;
    const base = `${kindOf(later.d)}\u0000${later.t.priority ?? ''}\u0000${later.t.offering ?? ''}\u0000`;
    const keys = [`${base}a${later.i}`, ...new Set(later.a.services.map((s) => `${base}s${s}`))];
    let found = false;
    for (const key of keys) {
      const earlierOnes = buckets.get(key) ?? [];
      for (const earlier of found ? [] : earlierOnes) {
        if (earlier.d === undefined || !sameScope(earlier.t, later.t)) continue;
        const sameAgreement = earlier.i === later.i;
        const rival = !sameAgreement && earlier.a.type === later.a.type && earlier.a.status === 'active' && later.a.status === 'active' &&
          partiesRank(earlier.a) === partiesRank(later.a) && sharesParty(earlier.a, later.a);
        if (!sameAgreement && !rival) continue;
        const calA = earlier.t.calendar ?? earlier.d.calendar, calB = later.t.calendar ?? later.d.calendar;
        if (earlier.d.id === later.d.id && calA === calB) continue;
        const where = sameAgreement ? `target ${earlier.j} of the same agreement` : `target ${earlier.j} of ${earlier.a.type} ${quote(earlier.a.id)} (for the same service and parties)`;
        out.push({
          code: 'conflicting_targets',
          path: ['agreements', later.i, 'targets', later.j],
          message: `${later.a.type} ${quote(later.a.id)} target ${later.j} (${quote(later.d.id)} in calendar ${quote(calB)}) and ${where} (${quote(earlier.d.id)} in calendar ${quote(calA)}) both set the ${kindOf(later.d)} target for ${scopeText(later.t)}; keep one`,
        });
        found = true;
        break;
      }
      earlierOnes.push(later);
      buckets.set(key, earlierOnes);
    }
  }
  return out;
}

function looserTargets(agreements: readonly CatalogAgreement[], agreementIx: ReadonlyMap<string, number>, definition: (id: string) => SlaDefinition | undefined): CatalogFinding[] {
  const out: CatalogFinding[] = [];
  agreements.forEach((a, i) => {
    if (a.type === 'SLA') return;
    a.targets.forEach((t, j) => {
      const d = definition(t.definition);
      const size = d === undefined ? null : targetSize(d);
      if (d === undefined || size === null) return;
      let tightest: { sla: CatalogAgreement; d: SlaDefinition; value: number; text: string } | null = null;
      for (const uid of a.underpins ?? []) {
        const sla = agreements[agreementIx.get(uid) ?? -1];
        if (sla === undefined || sla.type !== 'SLA') continue;
        for (const st of sla.targets) {
          const sd = definition(st.definition);
          const ss = sd === undefined ? null : targetSize(sd);
          if (sd === undefined || ss === null || ss.unit !== size.unit || kindOf(sd) !== kindOf(d) || !overlaps(t, st)) continue;
          if (tightest === null || ss.value < tightest.value) tightest = { sla, d: sd, value: ss.value, text: ss.text };
        }
      }
      if (tightest !== null && size.value > tightest.value) {
        out.push({
          code: 'looser_than_underpinned',
          path: ['agreements', i, 'targets', j],
          message: `${a.type} ${quote(a.id)} target ${j} allows ${size.text} (${quote(d.id)}) for ${scopeText(t)}, looser than the ${tightest.text} of ${quote(tightest.d.id)} in the SLA ${quote(tightest.sla.id)} it underpins; an underpinning target must be at most as long`,
        });
      }
    });
  });
  return out;
}
