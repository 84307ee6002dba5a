// Runs `taomi <args>` in this process and prints one JSON line with wall time, CPU time (all threads)
// and peak RSS, so a
// benchmark measures the run without the memory of whatever generated its input.
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { sampleMemory } from './rss.js';

const sampler = sampleMemory();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const sink = new PassThrough();
sink.resume();
const code = await main(process.argv.slice(2), { stdout: sink, stderr: process.stderr, env: process.env });
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const peakRssMb = sampler.stop();
process.stdout.write(`${JSON.stringify({ code, wallMs, cpuMs, peakRssMb })}\n`);
process.exitCode = code;
