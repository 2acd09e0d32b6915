/**
 * Temperature scaling (Guo et al., 2017): one scalar T that divides the logits, fitted by
 * minimising the negative log-likelihood of held-out predictions. It keeps the ranking and
 * accuracy of the model and fixes over- or under-confidence.
 */
export function fitTemperature(logits: Float64Array, labels: Int32Array, classes: number): number {
  const nll = (t: number): number => {
    let total = 0;
    for (let r = 0; r < labels.length; r++) {
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, logits[r * classes + c]! / t);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp(logits[r * classes + c]! / t - max);
      total -= logits[r * classes + labels[r]!]! / t - max - Math.log(sum);
    }
    return total / labels.length;
  };
  // Golden-section search on log T over [1/20, 20].
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
