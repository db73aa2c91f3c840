#!/usr/bin/env node
// The `constellation` command: one entry for operators and for `npm start`.
// Each server package adds its own subcommands (hub, aggregator) as it lands;
// this file only dispatches, so it stays plain JavaScript that runs without a build.
import { spawnSync } from 'node:child_process';

const USAGE = `Usage: constellation <command> [options]

Commands:
  hub         run and operate a regional hub (constellation hub --help)
  demo        run the local demo federation (what \`npm start\` runs)
  help        show this help

Run \`constellation <command> --help\` for a command's options.`;

const DEMO_USAGE = `Usage: constellation demo

Runs every part of the federation that exists in this checkout on this machine.
Today that is the shared contract; the hub, aggregator and web app join it as
their issues land (see README.md).`;

function hasBinary(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

async function demo(args) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(DEMO_USAGE);
    return 0;
  }
  if (args.length > 0) {
    console.error(`constellation demo: unknown option ${args[0]}\n\n${DEMO_USAGE}`);
    return 2;
  }
  // Loads the built contract the way the servers will, so a broken build fails here.
  const shared = await import('@constellation/shared');
  console.log('Constellation demo');
  console.log(`  contract     ${shared.PROTOCOL_VERSION}: ${shared.contentTypes.values.length} content types, ${shared.regions.values.length} regions, ${shared.disciplines.values.length} disciplines`);
  console.log(`  redis-server ${hasBinary('redis-server') ? 'found' : 'not found (install it with: apt-get install redis-server)'}`);
  console.log('  hub, aggregator, web: not built yet; they arrive with their issues, and `npm start` will run them.');
  return 0;
}

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'hub': {
      // The built hub (npm run build); the CLI itself stays plain JavaScript.
      const { runHubCli } = await import('@constellation/hub');
      return runHubCli(rest);
    }
    case 'demo':
      return demo(rest);
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
