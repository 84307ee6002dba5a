import type { StepDefinition } from '../core/step.js';
import { languageStep } from './language-step.js';
import { normalizeStep } from './normalize-step.js';

/** Step types this stage contributes to the registry. */
export const steps: StepDefinition[] = [normalizeStep, languageStep];
