import { runAggregatorCli } from '@constellation/aggregator';

/*
 * `constellation aggregator ...` run in this process, its output and errors captured as
 * one text, with no settings from the environment but those given.
 */

export interface CliRun {
  code: number;
  out: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}

export async function cliWith(env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  const lines: string[] = [];
  const code = await runAggregatorCli(argv, {}, { out: (line) => lines.push(line), err: (line) => lines.push(line), env, stdin: () => '' });
  return { code, out: lines.join('\n') };
}
