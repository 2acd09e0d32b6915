/** Classification metrics computed from predicted and true class indices. */
export interface ClassificationReport {
  labels: string[];
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[true][predicted] */
  confusion: number[][];
}

export function classificationReport(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  labels: string[],
): ClassificationReport {
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    confusion[truth[i]!]![predicted[i]!]!++;
    if (truth[i] === predicted[i]) correct++;
  }
  const perClass = labels.map((label, c) => {
    const tp = confusion[c]![c]!;
    let predictedC = 0;
    let support = 0;
    for (let j = 0; j < k; j++) {
      predictedC += confusion[j]![c]!;
      support += confusion[c]![j]!;
    }
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const present = perClass.filter((p) => p.support > 0);
  return {
    labels,
    n: truth.length,
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: present.reduce((s, p) => s + p.f1, 0) / Math.max(present.length, 1),
    perClass,
    confusion,
  };
}

/**
 * Expected calibration error: the gap between confidence and accuracy, averaged over equal-width
 * confidence bins weighted by their size (15 bins, as in Guo et al., 2017).
 */
export function expectedCalibrationError(
  confidence: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 15,
): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  for (let i = 0; i < confidence.length; i++) {
    const p = confidence[i]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++;
    conf[b]! += p;
    if (correct[i]) acc[b]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b]! > 0) ece += Math.abs(acc[b]! - conf[b]!) / confidence.length;
  }
  return ece;
}

/** Formats a confusion matrix as aligned text rows (true label down, predicted across). */
export function formatConfusion(report: ClassificationReport): string {
  const width = Math.max(8, ...report.labels.map((l) => l.length + 1));
  const head = ''.padEnd(width) + report.labels.map((l) => l.padStart(width)).join('');
  const rows = report.confusion.map(
    (row, i) => report.labels[i]!.padEnd(width) + row.map((v) => String(v).padStart(width)).join(''),
  );
  return [head + '   (rows: true, columns: predicted)', ...rows].join('\n');
}
