// Runs the `rubric` command in this process and, on exit, writes the process's peak resident
// memory (worker threads included) to the file named by RUBRIC_BENCH_RSS_FILE. For machines
// without GNU time; `node bench/lib/rss-wrapper.mjs eval …` takes the command's arguments.
import { writeFileSync } from 'node:fs';

const file = process.env.RUBRIC_BENCH_RSS_FILE;
process.on('exit', () => {
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
process.argv = [process.argv[0], 'rubric', ...process.argv.slice(2)];
await import('../../packages/cli/dist/bin.js');
