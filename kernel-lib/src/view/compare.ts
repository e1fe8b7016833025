import { differences, formatValue } from './geometry';
import type { ComparePayload } from '../contract';

/** The default relative tolerance of a comparison: |difference| ≤ 1e-6 · max |value| counts as zero. */
export const COMPARE_TOLERANCE = 1e-6;

/** One difference plane (item − first) of a comparison. */
export interface DifferencePlane {
  data: number[];
  /** Its largest |difference|, and the flat index of the first cell that has it. */
  maxAbs: number;
  at: number;
  /** 'zero' when every difference is exactly 0, 'within' the tolerance (drawn and named "≈ 0"), else 'differs'. */
  verdict: 'zero' | 'within' | 'differs';
}

/** What a comparison shows, derived alike by the plotly view and the fallbacks. */
export interface CompareDifferences {
  planes: DifferencePlane[];
  /** The largest |difference| of all planes. */
  maxAbsError: number;
  /** The largest |value| of the compared items: what "relative" means here. */
  maxAbsValue: number;
  tolerance: number;
  /**
   * The colour range ±bound of every difference plane: the scale of the compared values (or the
   * largest difference, if larger). A difference reads as large only when it is large next to the
   * values: rounding noise of 1e-16 stays white, a wrong result is as strong as the values.
   */
  bound: number;
}

/**
 * The differences of a comparison on one honest scale.
 *
 * @example
 * compareDifferences({ items: [{ label: 'a', data: [1, 2] }, { label: 'b', data: [1, 2 + 1e-12] }] }).planes[0].verdict; // 'within'
 */
export function compareDifferences(p: Pick<ComparePayload, 'items' | 'tolerance'>): CompareDifferences {
  const { diffs, maxAbsError } = differences(p);
  const tolerance = p.tolerance ?? COMPARE_TOLERANCE;
  let maxAbsValue = 0;
  for (const item of p.items) for (const v of item.data) maxAbsValue = Math.max(maxAbsValue, Math.abs(v));
  const planes = diffs.map((data): DifferencePlane => {
    let at = 0;
    data.forEach((d, i) => {
      if (Math.abs(d) > Math.abs(data[at])) at = i;
    });
    const maxAbs = Math.abs(data[at] ?? 0);
    const verdict = maxAbs === 0 ? 'zero' : maxAbs <= tolerance * maxAbsValue ? 'within' : 'differs';
    return { data, maxAbs, at, verdict };
  });
  return { planes, maxAbsError, maxAbsValue, tolerance, bound: Math.max(maxAbsValue, maxAbsError) || 1 };
}

/** A difference plane's name with its verdict: "B − A = 0", "B − A ≈ 0", or "B − A (max 0.25)", the largest |difference|. */
export function differenceTitle(name: string, plane: DifferencePlane): string {
  if (plane.verdict === 'zero') return `${name} = 0`;
  if (plane.verdict === 'within') return `${name} ≈ 0`;
  return `${name} (max ${formatValue(plane.maxAbs)})`;
}

/**
 * The comparison's verdict as its caption writes it, with the maximum error:
 * "max |difference| = 2.2e-16 ≈ 0 (below 1e-6 × max |value| 4.6)" or "max |difference| = 0.5 (20% of max |value| 2.5)".
 */
export function differenceCaption(d: CompareDifferences): string {
  const head = `max |difference| = ${formatValue(d.maxAbsError)}`;
  if (d.maxAbsError === 0) return `${head}: equal`;
  const scale = `max |value| ${formatValue(d.maxAbsValue)}`;
  if (d.planes.every((pl) => pl.verdict !== 'differs')) return `${head} ≈ 0 (below ${formatValue(d.tolerance, 1)} × ${scale})`;
  // A difference comes from the values, so max |value| > 0 here.
  const ratio = d.maxAbsError / d.maxAbsValue;
  return `${head} (${ratio >= 1e-3 ? `${formatValue(100 * ratio, 2)}% of` : `${formatValue(ratio, 2)} ×`} ${scale})`;
}
