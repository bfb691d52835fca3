// The `itsm-kit` command line: commander for parsing and help, one module per subcommand. Every user mistake
// ends as a message and an exit status (2 for usage, 1 for bad input), never as a stack trace.
import { Command, CommanderError, Option } from 'commander';
import type { Writable } from 'node:stream';
import { InputError, UsageError } from './errors.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionKinds, kindNamed, schemaText } from './kinds.js';
import { runSla, type SlaCommandOptions } from './sla.js';
import { runValidateFiles } from './validate.js';
import { runDemo } from './demo.js';
import { addServeCommand } from './serve/server.js';
import { metricHelp, runMetrics, type MetricsCommandOptions } from './metrics.js';

/** Where a run of the command reads the clock and writes. @internal */
export interface CliEnv {
  readonly stdout: Writable;
  readonly stderr: NodeJS.WriteStream;
  readonly clock: () => number;
  /** The command's own file (worker threads run it again). */
  readonly entry: URL;
}

const examples = (lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** Builds the program; `setExit` receives each command's exit status. @internal */
export function buildProgram(env: CliEnv, setExit: (code: number) => void): Command {
  const program = new Command('itsm-kit')
    .description('IT service management on the command line: SLA clocks over ticket histories, definition checks, an HTTP service.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => env.stdout.write(s), writeErr: (s) => env.stderr.write(s) })
    .addHelpText('after', examples([
      'itsm-kit demo',
      'itsm-kit sla --definitions defs.json --calendars cals.json --tickets tickets.ndjson --now 2026-03-09T12:00:00Z',
      'itsm-kit validate calendar.json',
      'itsm-kit serve --port 8080 --definitions defs.json --calendars cals.json',
    ]));

  program.command('sla')
    .description('Evaluate SLA clocks for tickets: one NDJSON result line per ticket line, in input order.')
    .requiredOption('-d, --definitions <file>', 'SLA definitions: a JSON list, or { "definitions": [...] }')
    .option('-c, --calendars <file>', 'calendars by key: { "support": { "timeZone": ..., "weekly": ... } }')
    .requiredOption('-t, --tickets <file>', 'tickets as NDJSON, one { "id", "events": [{ "at", "type", "set" }] } a line; - for stdin')
    .option('--now <instant>', 'evaluate at this ISO 8601 instant with an offset (default: the current time)')
    .option('--explain', 'add the explanation (segments and readable lines) to every result')
    .option('-w, --workers <n>', 'spread the work over n worker threads (default: none, in-process)')
    .option('-o, --out <file>', 'write the results to a file instead of stdout')
    .option('--fail-fast', 'stop at the first bad ticket line')
    .addOption(new Option('--batch <n>', 'tickets per batch sent to a worker').default(undefined).hideHelp())
    .addHelpText('after', examples([
      'itsm-kit sla -d defs.json -c cals.json -t tickets.ndjson --now 2026-03-09T12:00:00Z > results.ndjson',
      'cat tickets.ndjson | itsm-kit sla -d defs.json -c cals.json -t - --explain',
      'itsm-kit sla -d defs.json -c cals.json -t big.ndjson --workers 4 --out results.ndjson',
      '',
      'A bad line gives { "id", "line", "error": { "code", "message" } } on stdout and "file:line: ..." on stderr;',
      'the other lines are still evaluated and the exit status is 1.',
    ]).replace('  $ \n', '\n').replace(/ {2}\$ (A bad|the other)/g, '  $1'))
    .action(async (options: SlaCommandOptions) => setExit(await runSla(options, env)));

  program.command('validate')
    .description('Check stored definitions (files of one definition or a JSON list) and print every issue with its path.')
    .argument('<files...>', 'definition files (JSON; - for stdin)')
    .addOption(new Option('-k, --kind <kind>', 'the kind of definition (default: guessed from the content)').choices(definitionKinds().map((k) => k.name)))
    .option('--json', 'print the report as JSON')
    .addHelpText('after', () => `${examples(['itsm-kit validate calendar.json', 'itsm-kit validate cals.json defs.json', 'itsm-kit validate slas.json --kind sla', 'itsm-kit validate matrix.json --kind priority-matrix --json'])}\nKinds: ${definitionKinds().map((k) => `${k.name} (${k.title})`).join(', ')}\n`)
    .action((files: string[], options: { kind?: string; json?: boolean }) => {
      setExit(runValidateFiles(files, options, (l) => env.stdout.write(`${l}\n`), (l) => env.stderr.write(`${l}\n`)));
    });

  program.command('schema')
    .description('Print the JSON Schema of a stored definition kind, or write every kind\'s to a folder.')
    .argument('[kind]', `one of ${definitionKinds().map((k) => k.name).join(', ')}`)
    .option('--write <dir>', 'write <kind>.json for every kind into <dir> (what the package ships in schemas/)')
    .addHelpText('after', examples(['itsm-kit schema calendar > calendar.schema.json', 'itsm-kit schema --write schemas']))
    .action((name: string | undefined, options: { write?: string }) => {
      if (options.write !== undefined) {
        mkdirSync(options.write, { recursive: true });
        for (const kind of definitionKinds()) writeFileSync(join(options.write, `${kind.name}.json`), schemaText(kind));
        env.stdout.write(`wrote ${definitionKinds().length} schemas to ${options.write}\n`);
        setExit(0);
        return;
      }
      const kind = name === undefined ? undefined : kindNamed(name);
      if (kind === undefined) throw new UsageError(`${name === undefined ? 'a kind is needed' : `"${name}" is not a kind`}; use one of ${definitionKinds().map((k) => k.name).join(', ')}`);
      env.stdout.write(schemaText(kind));
      setExit(0);
    });

  program.command('metrics')
    .description('CSI metrics (MTTR, rates, SLA compliance) over incidents as NDJSON or CSV, as a table or JSON.')
    .requiredOption('-i, --input <file>', 'records: NDJSON (one object a line) or .csv with a header; - for stdin')
    .requiredOption('-m, --metric <names>', 'comma-separated metrics (see below)')
    .option('--by <fields>', 'group by these fields (comma-separated)')
    .option('--period <unit>', 'also group by day, week, month, quarter or year')
    .option('-c, --calendars <file>', 'calendars by key, for business-time durations')
    .option('--calendar <key>', 'measure durations in business time of this calendar')
    .option('--now <instant>', 'censor open items at this instant (Kaplan-Meier median)')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', () => `${examples([
      'itsm-kit metrics -i incidents.ndjson -m mttr,reopen-rate --by priority',
      'itsm-kit metrics -i incidents.csv -m mttr --calendars cals.json --calendar support --period month',
      'itsm-kit sla -d defs.json -c cals.json -t tickets.ndjson | itsm-kit metrics -i - -m sla-compliance --by slaId',
    ])}\nMetrics:\n${metricHelp()}\n\nInstants need an offset (2026-03-09T09:00:00Z); durations are elapsed time unless --calendar.\n`)
    .action((options: MetricsCommandOptions) => setExit(runMetrics(options, (t) => env.stdout.write(`${t}\n`), (l) => env.stderr.write(`${l}\n`))));

  program.command('demo')
    .description('Run the library on the embedded sample (890 real ServiceNow incidents) and print tables.')
    .addHelpText('after', examples(['itsm-kit demo', 'itsm-kit demo | less']))
    .action(() => setExit(runDemo((t) => env.stdout.write(`${t}\n`))));

  addServeCommand(program, env, setExit, examples);
  return program;
}

/** Runs the command with `argv` (without node and the script); resolves to the exit status. @internal */
export async function runCli(argv: readonly string[], env: CliEnv): Promise<number> {
  let code = 0;
  const program = buildProgram(env, (c) => { code = c; });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      env.stderr.write(`itsm-kit: ${e.message}\n(run with --help for usage)\n`);
      return 2;
    }
    if (e instanceof InputError) {
      env.stderr.write(`${e.message}\n`);
      return 1;
    }
    env.stderr.write(`itsm-kit: internal error, please report it: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 70;
  }
}
