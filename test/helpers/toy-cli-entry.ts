// Runs the CLI from source with a toy pipeline's steps (TAOMI_TOY_PIPELINE) in place of the config's.
import { main } from '../../src/cli/main.js';
import { toyStepFactory } from './toy-steps.js';

const makeSteps = toyStepFactory(process.env.TAOMI_TOY_PIPELINE ?? 'filter');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, makeSteps });
