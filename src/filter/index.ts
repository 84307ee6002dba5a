import type { StepDefinition } from '../core/step.js';
import { c4Step } from './c4.js';
import { finewebQualityStep } from './fineweb-quality.js';
import { gopherQualityStep } from './gopher-quality.js';
import { gopherRepetitionStep } from './gopher-repetition.js';
import { spamStep } from './spam.js';
import { zhShapeStep } from './zh-shape.js';

/** Step types this stage contributes to the registry. */
export const steps: StepDefinition[] = [zhShapeStep, gopherRepetitionStep, gopherQualityStep, c4Step, finewebQualityStep, spamStep];
