/**
 * Aho–Corasick automaton over integer symbols (token ids), so that all phrases of a pack are found in one pass,
 * in time linear in the number of tokens plus the number of hits, with nothing that can backtrack.
 */

export interface Occurrence {
  /** Index of the pattern, in the order given to the constructor. */
  pattern: number;
  /** Token index where the occurrence starts (inclusive) and ends (exclusive). */
  start: number;
  end: number;
}

export class Automaton {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns that end at each state, following failure links (merged at build time). */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly (readonly number[])[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((symbols, index) => {
      if (symbols.length === 0) throw new Error(`pattern ${index} is empty`);
      let state = 0;
      for (const symbol of symbols) {
        const edges = this.edges(state);
        let target = edges.get(symbol);
        if (target === undefined) {
          target = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          edges.set(symbol, target);
        }
        state = target;
      }
      this.outputs(state).push(index);
    });
    this.linkFailures();
  }

  /** All occurrences of all patterns in `symbols`; a symbol < 0 stands for a token that no pattern contains. */
  find(symbols: readonly number[]): Occurrence[] {
    const found: Occurrence[] = [];
    let state = 0;
    symbols.forEach((symbol, i) => {
      state = symbol < 0 ? 0 : this.step(state, symbol);
      for (const pattern of this.outputs(state)) {
        found.push({ pattern, start: i + 1 - (this.lengths[pattern] ?? 0), end: i + 1 });
      }
    });
    return found;
  }

  private step(from: number, symbol: number): number {
    let state = from;
    for (;;) {
      const target = this.edges(state).get(symbol);
      if (target !== undefined) return target;
      if (state === 0) return 0;
      state = this.fail[state] ?? 0;
    }
  }

  // Breadth-first, so a state's failure target is always finished before the state itself.
  private linkFailures(): void {
    const queue: number[] = [...this.edges(0).values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      for (const [symbol, child] of this.edges(state)) {
        const target = this.step(this.fail[state] ?? 0, symbol);
        this.fail[child] = target;
        this.out[child] = [...this.outputs(child), ...this.outputs(target)];
        queue.push(child);
      }
    }
  }

  private edges(state: number): Map<number, number> {
    const edges = this.next[state];
    if (edges === undefined) throw new Error(`automaton state ${state} out of range`);
    return edges;
  }

  private outputs(state: number): number[] {
    const out = this.out[state];
    if (out === undefined) throw new Error(`automaton state ${state} out of range`);
    return out;
  }
}
