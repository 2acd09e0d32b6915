/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line search.
 * Small and dependency-free; the objectives here are smooth and convex.
 */
export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the relative decrease of the objective over one step falls below this. */
  tolerance: number;
  history?: number;
  log?: ((message: string) => void) | undefined;
}

export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions): Float64Array {
  const m = options.history ?? 8;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);

  for (let iter = 0; iter < options.maxIterations; iter++) {
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    for (let j = s.length - 1; j >= 0; j--) {
      alpha[j] = rho[j]! * dot(s[j]!, d);
      const yj = y[j]!;
      const a = alpha[j]!;
      for (let i = 0; i < n; i++) d[i] -= a * yj[i]!;
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < s.length; j++) {
      const beta = rho[j]! * dot(y[j]!, d);
      const sj = s[j]!;
      const a = alpha[j]! - beta;
      for (let i = 0; i < n; i++) d[i] += a * sj[i]!;
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (curvature information went stale): restart with steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = iter === 0 ? 1 / Math.sqrt(Math.max(dot(g, g), 1e-12)) : 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      yk[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const decrease = (fx - fNew) / Math.max(Math.abs(fx), 1e-12);
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (options.log && iter % 20 === 0) options.log(`  iter ${iter} loss ${fx.toFixed(6)}`);
    if (decrease < options.tolerance) break;
  }
  return x;
}
