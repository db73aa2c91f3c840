#!/usr/bin/env node
// The `constellation` command: one entry for operators and for `npm start`.
// Each server package adds its own subcommands (hub, aggregator) as it lands;
// this file only dispatches, so it stays plain JavaScript; the packages it loads
// are the built ones (npm run build).
const USAGE = `Usage: constellation <command> [options]

Commands:
  hub         run and operate a regional hub (constellation hub --help)
  aggregator  run and operate the national aggregator (constellation aggregator --help)
  demo        run the local demo federation (what \`npm start\` runs)
  help        show this help

Run \`constellation <command> --help\` for a command's options.`;

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'hub': {
      // The built hub (npm run build); the CLI itself stays plain JavaScript.
      const { runHubCli } = await import('@constellation/hub');
      return runHubCli(rest);
    }
    case 'aggregator': {
      // The built aggregator (npm run build), like the hub.
      const { runAggregatorCli } = await import('@constellation/aggregator');
      return runAggregatorCli(rest);
    }
    case 'demo': {
      const { runDemo } = await import('./demo.js');
      return runDemo(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`constellation: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
