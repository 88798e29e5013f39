// The `shelfmark` command: the app's parsers and exporters, headless.
// Bad input: exit status 2 and one line on stderr naming the file and the reason.

import { readDigestFile } from '../import/readDigestFile';
import type { ParsedDigest } from '../../shared/model';
import { writeBiblatex } from '../../shared/export/biblatex';
import { writeBibtex } from '../../shared/export/bibtex';
import { exportPapersFromDigests } from '../../shared/export/exportPapersFromDigests';

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
  if (command === 'bibtex') return runBibtexCommand(rest, io);
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

const BIBTEX_USAGE = `usage: shelfmark bibtex FILE... [--biblatex]
  Writes the papers of the digests to stdout as one .bib (BibTeX, or BibLaTeX with --biblatex).
  All or nothing: when any file is refused, nothing is written to stdout, each refused file gets
  one line on stderr, and the exit status is 2.`;

/** `shelfmark bibtex FILE... [--biblatex]`: digests → one .bib on stdout. */
export async function runBibtexCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = args.filter((arg) => arg.startsWith('--'));
  const files = args.filter((arg) => !arg.startsWith('--'));
  const unknown = flags.find((flag) => flag !== '--biblatex');
  if (unknown !== undefined || files.length === 0) {
    io.stderr(unknown !== undefined ? `shelfmark: unknown option ${unknown}. ${BIBTEX_USAGE}` : BIBTEX_USAGE);
    return 2;
  }
  const digests: ParsedDigest[] = [];
  let refused = false;
  for (const file of files) {
    const result = await readDigestFile(file);
    if (result.ok) {
      digests.push(result.digest);
    } else {
      io.stderr(`shelfmark: ${file}: ${result.error.slice(result.fileName.length + 2)}`);
      refused = true;
    }
  }
  // A partial .bib redirected into a file would look complete: refuse the whole run instead.
  if (refused) return 2;
  const papers = exportPapersFromDigests(digests);
  const bib = flags.includes('--biblatex') ? writeBiblatex(papers) : writeBibtex(papers);
  io.stdout(bib.endsWith('\n') ? bib.slice(0, -1) : bib);
  return 0;
}
