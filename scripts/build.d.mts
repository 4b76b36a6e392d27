// Types of scripts/build.mjs for the TypeScript that uses it (e2e set-up, benchmarks).
export const root: string;
export function ensureWebBuild(opts?: { force?: boolean }): void;
export function bundle(entry: string, outfile: string): Promise<void>;
export function ensureServerBuild(): Promise<string>;
