/** The output format a run writes: --format, or the one `--output`'s file name asks for. */
import path from 'node:path';
import { UsageError } from '../errors';
import { FORMATS } from '../report/formats';
import { showText } from '../report/text';
import type { OutputFormat } from '../settings';

/** The format a report file's extension asks for (`-o report.json`), case-insensitive. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = {
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

/**
 * The output format: --format when given, else the one `--output`'s extension names (`.json`,
 * `.csv`, `.md`, `.html`), else the table.
 * @throws UsageError for an extension whose format this build does not have
 */
export function formatOf(
  given: unknown,
  formatGiven: boolean,
  output: string | undefined,
): OutputFormat {
  if (formatGiven || output === undefined) return given as OutputFormat;
  const ext = path.extname(output).toLowerCase();
  const wanted = FORMAT_OF_EXTENSION[ext];
  if (wanted === undefined) return given as OutputFormat;
  if (!Object.hasOwn(FORMATS, wanted)) {
    throw new UsageError(
      `--output ${showText(output)}: there is no ${wanted} format (${Object.keys(FORMATS).join(', ')}); give --format`,
    );
  }
  return wanted as OutputFormat;
}
