import { loadAggregatorConfig, ConfigError } from './config.ts';
import { startAggregator } from './server.ts';

/**
 * STUB, completed by the CLI work: `constellation aggregator start|add-hub|approve-hub|
 * suspend-hub|remove-hub|hubs|create-admin`. Returns the exit code.
 */
export async function runAggregatorCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'start') {
    console.error('usage: constellation aggregator start [options]');
    return 2;
  }
  try {
    await startAggregator(loadAggregatorConfig({ argv: rest, env }));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`constellation aggregator: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
