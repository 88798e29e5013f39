// The `shelfmark` command: the app's parsers and exporters, headless.
// Bad input: exit status 2 and one line on stderr naming the file and the reason.

import { readDigestFile } from '../import/readDigestFile';
import type { ParsedDigest } from '../../shared/model';

const USAGE = `usage: shelfmark parse FILE... [--json]`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The JSON shape `parse --json` prints for one file. */
export function toCliJson(digest: ParsedDigest) {
  return {
    format: digest.format,
    digestDate: digest.digestDate,
    papers: digest.papers.map((paper) => ({
      title: paper.title,
      abstract: paper.abstract,
      authors: paper.authors,
      arxivId: paper.arxivId,
      links: paper.links,
    })),
    warnings: digest.warnings,
  };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((arg) => arg.startsWith('--')));
  const files = rest.filter((arg) => !arg.startsWith('--'));
  if (command !== 'parse') {
    io.stderr(command ? `shelfmark: unknown command "${command}". ${USAGE}` : USAGE);
    return 2;
  }
  const unknownFlags = [...flags].filter((flag) => flag !== '--json');
  if (unknownFlags.length > 0 || files.length === 0) {
    io.stderr(unknownFlags.length > 0 ? `shelfmark: unknown option ${unknownFlags[0]}. ${USAGE}` : USAGE);
    return 2;
  }
  let status = 0;
  for (const file of files) {
    const result = await readDigestFile(file);
    if (!result.ok) {
      io.stderr(`shelfmark: ${file}: ${result.error.slice(result.fileName.length + 2)}`);
      status = 2;
      continue;
    }
    if (flags.has('--json')) {
      io.stdout(JSON.stringify(toCliJson(result.digest)));
    } else {
      const { digest } = result;
      io.stdout(
        `${file}: ${digest.format}, digest date ${digest.digestDate ?? 'unknown'}, ${digest.papers.length} papers`,
      );
      for (const paper of digest.papers) io.stdout(`  ${paper.title}`);
      for (const warning of digest.warnings) io.stdout(`  warning: ${warning}`);
    }
  }
  return status;
}
