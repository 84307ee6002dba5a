import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pipelineSchema } from '../core/config.js';
import { DEFAULT_READ_OPTIONS } from '../io/types.js';
import { OutputLayout } from './layout.js';
import { buildManifest, claimOutputDir } from './manifest.js';

const config = pipelineSchema.parse({ name: 'p' });

test('an output directory is claimed once and refused to a different run', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'taomi-manifest-'));
  try {
    const layout = new OutputLayout(path.join(root, 'out'));
    const manifest = buildManifest(config, DEFAULT_READ_OPTIONS, ['/a.jsonl', '/b.jsonl'], 2, ['process']);
    await claimOutputDir(layout, manifest);
    await claimOutputDir(layout, buildManifest(config, DEFAULT_READ_OPTIONS, ['/a.jsonl', '/b.jsonl'], 2, ['process']));
    assert.deepEqual(JSON.parse(await readFile(layout.manifest, 'utf8')), manifest);

    const gzipToZstd = { ...config, output: { ...config.output, compression: 'zstd' as const } };
    await assert.rejects(claimOutputDir(layout, buildManifest(gzipToZstd, DEFAULT_READ_OPTIONS, ['/a.jsonl', '/b.jsonl'], 2, ['process'])), /different pipeline configuration/);
    const textField = { ...DEFAULT_READ_OPTIONS, textField: 'content' };
    await assert.rejects(claimOutputDir(layout, buildManifest(config, textField, ['/a.jsonl', '/b.jsonl'], 2, ['process'])), /different pipeline configuration/);
    await assert.rejects(claimOutputDir(layout, buildManifest(config, DEFAULT_READ_OPTIONS, ['/a.jsonl'], 2, ['process'])), /different inputs \(2 files\)/);
    await assert.rejects(claimOutputDir(layout, buildManifest(config, DEFAULT_READ_OPTIONS, ['/a.jsonl', '/b.jsonl'], 3, ['process'])), /--tasks 2/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
