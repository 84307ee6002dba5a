// Runs the CLI from source (through tsx), so end-to-end tests need no build.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
