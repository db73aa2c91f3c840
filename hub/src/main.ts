#!/usr/bin/env node
// Thin entry for `node hub/dist/main.js <command>`: everything else is in cli.ts.
import { runHubCli } from './cli.ts';

process.exitCode = await runHubCli(process.argv.slice(2));
