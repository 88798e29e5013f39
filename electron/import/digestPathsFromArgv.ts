import path from 'node:path';

/** File arguments from a command line (flags and Electron's own arguments left out). */
export function digestPathsFromArgv(args: readonly string[], workingDirectory: string): string[] {
  return args
    .filter((arg) => arg.length > 0 && !arg.startsWith('-') && arg !== '.')
    .filter((arg) => !/(^|[\\/])(electron|shelfmark)(\.exe)?$/i.test(arg) && !/\.(c|m)?js$/i.test(arg))
    .map((arg) => path.resolve(workingDirectory, arg));
}
