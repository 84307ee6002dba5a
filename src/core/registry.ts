import type { StepDefinition } from './step.js';
import { steps as ioSteps } from '../io/index.js';
import { steps as extractSteps } from '../extract/index.js';
import { steps as textSteps } from '../text/index.js';
import { steps as cleanSteps } from '../clean/index.js';
import { steps as filterSteps } from '../filter/index.js';
import { steps as piiSteps } from '../pii/index.js';
import { steps as dedupSteps } from '../dedup/index.js';

/** Every step type, by its YAML `type` name. A new stage adds its folder's `steps` here. */
export const registry: ReadonlyMap<string, StepDefinition> = buildRegistry([
  ...ioSteps,
  ...extractSteps,
  ...textSteps,
  ...cleanSteps,
  ...filterSteps,
  ...piiSteps,
  ...dedupSteps,
]);

function buildRegistry(definitions: StepDefinition[]): Map<string, StepDefinition> {
  const map = new Map<string, StepDefinition>();
  for (const definition of definitions) {
    if (map.has(definition.type)) throw new Error(`step type "${definition.type}" is registered twice`);
    map.set(definition.type, definition);
  }
  return map;
}
