#!/usr/bin/env node
// Thin entry for `node aggregator/dist/main.js <command>`: everything else is in cli.ts.
import { runAggregatorCli } from './cli.ts';

const code = await runAggregatorCli(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
