import type { StepDefinition } from '../core/step.js';
import { exactDedup } from './exact.js';
import { lineDedup } from './line-frequency.js';
import { minhashDedup } from './minhash.js';

/** Step types this stage contributes to the registry. */
export const steps: StepDefinition[] = [exactDedup, minhashDedup, lineDedup];
