// `itsm-kit validate FILE [--kind K]`: checks stored definitions with the library's own constructors and prints
// every issue with its path.
import { isItsmError, type ItsmError } from '../core/errors.js';
import { definitionKinds, kindNamed, type DefinitionKind } from './kinds.js';
import { issueLines } from './errors.js';
import { readDataFile } from './io.js';
import { UsageError } from './errors.js';

/** The outcome of validating one definition. @internal */
export interface ValidationReport {
  readonly kind: string;
  readonly valid: boolean;
  /** `path: message` per issue (empty when valid). */
  readonly issues: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly code: string; readonly message: string }>;
  readonly error: ItsmError | null;
}

/** Validates one value as `kind`. @internal */
export function validateAs(kind: DefinitionKind, value: unknown): ValidationReport {
  const r = kind.validate(value);
  if (r.success) return { kind: kind.name, valid: true, issues: [], error: null };
  const issues = r.error.issues.length > 0 ? r.error.issues : [{ path: [], code: r.error.code, message: r.error.message }];
  return { kind: kind.name, valid: false, issues, error: r.error };
}

/** The kind a value most likely is, from its telltale keys (the first that matches), or `null`. @internal */
export function guessKind(value: unknown): DefinitionKind | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return definitionKinds().find((k) => k.looksLike(value as Record<string, unknown>)) ?? null;
}

/** Runs `itsm-kit validate` on several files; the exit status is the worst. @internal */
export function runValidateFiles(files: readonly string[], options: { kind?: string; json?: boolean }, out: (line: string) => void, err: (line: string) => void): number {
  if (options.json === true && files.length > 1) {
    const reports: unknown[] = [];
    let code = 0;
    for (const file of files) code = Math.max(code, runValidate(file, options, (text) => reports.push({ file, reports: JSON.parse(text) }), err));
    out(JSON.stringify(reports, null, 2));
    return code;
  }
  return files.reduce((code, file) => Math.max(code, runValidate(file, options, out, err)), 0);
}

/** Runs `itsm-kit validate` on one file; resolves to the exit status. @internal */
export function runValidate(file: string, options: { kind?: string; json?: boolean }, out: (line: string) => void, err: (line: string) => void): number {
  const kind = options.kind === undefined ? undefined : kindNamed(options.kind);
  if (options.kind !== undefined && kind === undefined) {
    throw new UsageError(`--kind: "${options.kind}" is not a kind; use one of ${definitionKinds().map((k) => k.name).join(', ')}`);
  }
  const json = readDataFile(file, 'FILE');
  const items = Array.isArray(json) ? json : [json];
  let invalid = 0;
  const reports = items.map((item, i) => {
    const k = kind ?? guessKind(item);
    if (k === null) {
      throw new UsageError(`${Array.isArray(json) ? `${file}: [${i}]` : file}: cannot tell which kind of definition this is; pass --kind (${definitionKinds().map((x) => x.name).join(', ')})`);
    }
    const report = validateAs(k, item);
    const where = Array.isArray(json) ? `${file}: [${i}]` : file;
    if (!report.valid) {
      invalid++;
      const lines = report.error !== null && isItsmError(report.error) ? issueLines(where, report.error) : [`${where}: invalid`];
      for (const line of lines) err(`${line}${kind === undefined ? ` (checked as ${k.name})` : ''}`);
    } else if (options.json !== true) {
      out(`${where}: valid ${k.title}`);
    }
    return report;
  });
  if (options.json === true) out(JSON.stringify(reports.map(({ kind: k, valid, issues }) => ({ kind: k, valid, issues })), null, 2));
  else if (invalid > 0) err(`${invalid} of ${items.length} definition(s) invalid`);
  return invalid > 0 ? 1 : 0;
}
