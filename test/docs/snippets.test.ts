// Every ```ts block of every guide in docs/ type-checks against the sources, imported as `itsm-kit/...` exactly as a
// reader would copy it. A guide may declare what its snippets take from the host application (a database handle,
// a policy built earlier on the page) in one HTML comment, invisible on the rendered page:
//
//   <!-- snippet-prelude
//   declare const db: { incidents: { get(id: string): Promise<{ snapshot: string; version: number }> } };
//   -->
//
// Each block is compiled as its own module: the prelude, then the block.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = `${root}docs/`;
const out = `${root}node_modules/.cache/doc-snippets/`;

/** Guides whose snippets are checked. Every guide is; the list exists so that a failure names its guide. */
const guides = readdirSync(docs).filter((f) => f.endsWith('.md')).sort();

interface Snippet { guide: string; index: number; line: number; file: string }

/** Names a block declares or imports itself. */
function declaredNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/\b(?:const|let|var|function|class|type|interface)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const m of code.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** The prelude without what the block declares itself (a block that builds `incident` does not need it declared). */
function preludeFor(prelude: string, code: string): string {
  const own = declaredNames(code);
  return prelude.split('\n').map((line) => {
    const decl = /^declare\s+(?:const|let|function|class)\s+([A-Za-z_$][\w$]*)/.exec(line);
    if (decl) return own.has(decl[1]!) ? '' : line;
    const imp = /^import\s+type\s+\{([^}]*)\}(.*)$/.exec(line);
    if (imp) {
      const kept = imp[1]!.split(',').map((x) => x.trim()).filter((x) => x && !own.has(x.split(/\s+as\s+/).pop()!));
      return kept.length ? `import type { ${kept.join(', ')} }${imp[2]}` : '';
    }
    return line;
  }).join('\n');
}

function extract(): Snippet[] {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const snippets: Snippet[] = [];
  for (const guide of guides) {
    const text = readFileSync(docs + guide, 'utf8');
    const prelude = /<!-- snippet-prelude\n([\s\S]*?)-->/.exec(text)?.[1] ?? '';
    const lines = text.split('\n');
    let inBlock = false;
    let start = 0;
    let body: string[] = [];
    let index = 0;
    lines.forEach((l, i) => {
      if (!inBlock && /^```(ts|typescript)\s*$/.test(l)) {
        inBlock = true;
        start = i + 1;
        body = [];
      } else if (inBlock && /^```\s*$/.test(l)) {
        inBlock = false;
        index++;
        const file = `${out}${guide.replace(/\.md$/, '')}-${index}.ts`;
        writeFileSync(file, `${preludeFor(prelude, body.join('\n'))}\n// ---- ${guide}, line ${start + 1}\n${body.join('\n')}\nexport {};\n`);
        snippets.push({ guide, index, line: start + 1, file });
      } else if (inBlock) {
        body.push(l);
      }
    });
  }
  return snippets;
}

describe('the guides\' snippets', () => {
  it('type-check, every ```ts block of every guide, as a reader would copy it', () => {
    const snippets = extract();
    expect(snippets.length).toBeGreaterThan(5);
    const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram(snippets.map((s) => s.file), { ...config.options, noEmit: true, noUnusedLocals: false });
    const problems: string[] = [];
    for (const s of snippets) {
      const sf = program.getSourceFile(s.file)!;
      for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
        const pos = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
        const marker = sf.text.split('\n').findIndex((l) => l.startsWith('// ---- '));
        const docLine = pos > marker ? s.line + (pos - marker - 1) : 0;
        problems.push(`docs/${s.guide}:${docLine || `(prelude line ${pos + 1})`} (block ${s.index}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
