import type { StepDefinition } from '../core/step.js';

/** Step types this stage contributes to the registry. */
export const steps: StepDefinition[] = [];
