import type { StepDefinition } from '../core/step.js';
import { extractStep } from './step.js';

/** Step types this stage contributes to the registry. */
export const steps: StepDefinition[] = [extractStep];
