#!/usr/bin/env node
// A closed pipe (`basira score big.csv | head`) ends the run quietly, as other Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main, onSignal } = await import('../dist/main.js');
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(onSignal(signal)));
process.exitCode = await main(process.argv.slice(2));
