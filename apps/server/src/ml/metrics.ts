import { classificationReport, expectedCalibrationError, type ClassificationReport } from '@textai/core';

/** Predictions of a classifier on labelled rows: class indices and the confidence of each prediction. */
export interface Predictions {
  truth: number[];
  predicted: number[];
  confidence: number[];
}

export interface ScoredPredictions {
  report: ClassificationReport;
  ece: number;
}

/** The metrics every evaluation reports: accuracy, macro-F1, confusion matrix and calibration error. */
export function scorePredictions(p: Predictions, labels: string[]): ScoredPredictions {
  const report = classificationReport(p.truth, p.predicted, labels);
  const ece = expectedCalibrationError(
    p.confidence,
    p.truth.map((t, i) => t === p.predicted[i]),
  );
  return { report, ece };
}

/** The JSON form written into model metadata and training reports. */
export function metricsJson({ report, ece }: ScoredPredictions): {
  n: number;
  accuracy: number;
  macro_f1: number;
  ece: number;
  confusion: number[][];
  per_class: ClassificationReport['perClass'];
} {
  return {
    n: report.n,
    accuracy: report.accuracy,
    macro_f1: report.macroF1,
    ece,
    confusion: report.confusion,
    per_class: report.perClass,
  };
}
