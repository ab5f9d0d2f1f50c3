import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Presets, SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type DateOrder,
  type DecimalMark,
  decimalMarks,
  type ThousandsMark,
  thousandsMarks,
} from '../importers/coerce-value.js';
import { formatSummary, type ImportProgress, openImport, runImport } from '../importers/import-file.js';
import { importKindNames, isImportKindName } from '../importers/import-kinds.js';
import { type Delimiter, delimiters, type FileFormat } from '../importers/read-rows.js';
import { isoDay, today } from '../shared/calendar.js';
import { type DataOption, openMigratedDatabase, withDataOption } from './database-options.js';

interface ImportOptions extends DataOption {
  format?: FileFormat;
  delimiter?: Delimiter;
  columns?: string[];
  map: string[];
  mapping?: string;
  set: string[];
  dateFormat?: Exclude<DateOrder, 'ymd'>;
  decimal?: DecimalMark;
  thousands?: ThousandsMark;
  rejects?: string;
  b2c?: boolean;
  chunkSize?: number;
  asOf?: string;
  verbose?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function parseChunkSize(value: string): number {
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw new InvalidArgumentError('must be a whole number, 1 or more');
  return size;
}

/** A day written YYYY-MM-DD that has begun (UTC): a snapshot cannot be of a day still to come. */
function parseSnapshotDay(value: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    isoDay(new Date(`${value}T00:00:00Z`)) !== value
  )
    throw new InvalidArgumentError('must be a date written YYYY-MM-DD');
  if (value > today()) throw new InvalidArgumentError(`must not be after today (${today()})`);
  return value;
}

function parseColumns(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new InvalidArgumentError('must be column names separated by commas');
  return names;
}

async function readMappingFile(path: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`--mapping ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--mapping ${path}: must be a JSON object such as {"externalId": "customerID"}`);
  }
  return parsed as Record<string, unknown>;
}

/** A progress bar with rows per second, only for a person watching a terminal. */
function progressBar(kind: string): { update(progress: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${kind} [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let begun = false;
  return {
    update(progress) {
      const payload = {
        rows: progress.rowsRead,
        speed: Math.round(progress.rowsRead / Math.max((Date.now() - started) / 1000, 0.001)),
      };
      if (!begun) {
        bar.start(Math.max(progress.totalBytes, 1), 0, payload);
        begun = true;
      }
      bar.update(progress.bytesRead, payload);
    },
    stop() {
      if (begun) bar.stop();
      begun = false;
    },
  };
}

export function registerImportCommand(program: Command): void {
  withDataOption(
    program
      .command('import')
      .description('load customer data or usage events from a CSV or JSON Lines file (.gz too); safe to run again')
      .argument('<kind>', `what the file holds: ${importKindNames.join(', ')}`)
      .argument('<file>', 'a .csv, .tsv, .jsonl or .ndjson file (.gz too), or any delimited text with --delimiter')
      .addOption(
        new Option('--format <format>', 'the file format, when its name does not say').choices(['csv', 'jsonl']),
      )
      .addOption(
        new Option(
          '--delimiter <delimiter>',
          'what separates cells: , (default; tab for .tsv), ;, tab, or whitespace (runs of spaces and tabs)',
        ).choices(delimiters),
      )
      .option(
        '--columns <names>',
        'the file has no header row: these are its columns, comma-separated (the first line is data)',
        parseColumns,
      )
      .option(
        '--map <pairs>',
        'field=column pairs, comma-separated, e.g. externalId=customerID (repeatable)',
        collect,
        [],
      )
      .option('--mapping <file>', 'a JSON file of field → column, e.g. {"externalId": "customerID"}')
      .option('--set <pair>', 'field=value given to every row, e.g. currency=USD (repeatable)', collect, [])
      .addOption(
        new Option('--date-format <order>', 'read dates like 01/02/2026 as day/month/year or month/day/year').choices([
          'dmy',
          'mdy',
        ]),
      )
      .addOption(
        new Option('--decimal <mark>', "what separates a number's fraction: . (default) or , (1234,5)").choices(
          decimalMarks,
        ),
      )
      .addOption(
        new Option(
          '--thousands <mark>',
          "what groups thousands in numbers: , . or ' ' (1,234.5 or 1.234,5); without it, 1,500 is rejected as ambiguous",
        ).choices(thousandsMarks),
      )
      .option('--rejects <path>', 'where the rejected rows go (default FILE.rejects.csv)')
      .option(
        '--b2c',
        'events: each user is its own account (B2C), made at their first event, as with a --b2c write key',
      )
      .option(
        '--chunk-size <rows>',
        'rows per transaction (default 10000 for accounts and contacts, 500 for other records, 20000 for events)',
        parseChunkSize,
      )
      .option(
        '--as-of <date>',
        "records: the file is a snapshot of the end of this day, so contacts' roles and accounts' fields and traits count from then (default: from now; import older snapshots first)",
        parseSnapshotDay,
      )
      .option('--verbose', 'say on stderr each time a chunk has committed'),
  ).action(async (kind: string, file: string, options: ImportOptions) => {
    // This process only imports. V8 would let its old generation grow to about four times what is live before a
    // full collection (~140 MB of garbage in bench:import, varying from run to run); 50% keeps the peak near
    // 240 MB at no measurable cost in speed.
    setFlagsFromString('--heap-growing-percent=50');
    try {
      if (!isImportKindName(kind))
        throw new Error(`cannot import ${kind}: the kinds are ${importKindNames.join(', ')}`);
      if (kind === 'events' && options.asOf) throw new Error('--as-of is for records: events carry their own times');
      const mappingFile = options.mapping ? await readMappingFile(options.mapping) : undefined;
      const controller = new AbortController();
      const bar = progressBar(kind);
      const opened = await openImport({
        kind,
        file,
        format: options.format,
        delimiter: options.delimiter,
        columns: options.columns,
        mapping: { file: mappingFile, map: options.map, set: options.set },
        dateOrder: options.dateFormat ?? 'ymd',
        decimal: options.decimal,
        thousands: options.thousands,
        rejectsPath: options.rejects,
        userIsAccount: options.b2c ?? false,
        databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
        chunkSize: options.chunkSize,
        asOf: options.asOf,
        signal: controller.signal,
        onProgress: (progress) => bar.update(progress),
        onChunkCommitted(progress) {
          bar.update(progress);
          if (options.verbose) process.stderr.write(`committed ${progress.rowsCommitted} rows\n`);
        },
      });
      const database = await openMigratedDatabase(options);
      const onInterrupt = () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
        process.stderr.write('\nStopping after the rows read so far (Ctrl-C again to stop at once)…\n');
      };
      process.on('SIGINT', onInterrupt);
      try {
        const summary = await runImport(database, opened);
        bar.stop();
        process.stdout.write(formatSummary(summary));
        if (summary.interrupted) process.exitCode = 130;
      } finally {
        bar.stop();
        process.off('SIGINT', onInterrupt);
        await database.close();
      }
    } catch (error) {
      process.stderr.write(`pacer: ${(error as Error).message}\n`);
      process.exit(1);
    }
  });
}
