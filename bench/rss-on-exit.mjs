// Preloaded into a benchmarked process: on exit, write its peak resident memory (KiB) where the bench asked.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BASIRA_BENCH_RSS_FILE) writeFileSync(process.env.BASIRA_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
