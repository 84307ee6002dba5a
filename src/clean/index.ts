import type { StepDefinition } from '../core/step.js';
import { cleanLinesStep } from './clean-lines.js';

/** Step types this stage contributes to the registry. */
export const steps: StepDefinition[] = [cleanLinesStep];
