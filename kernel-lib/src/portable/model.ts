// Dependency-free apart from its two siblings: the JSON form of a portable model (weights as
// base64 float32) and its checked decoding into the steps forwardPortable runs.
import { ACTIVATION_NAMES } from './activation';
import { decodeFloat32 } from './encoding';
import type { PortableActivation, PortableStep } from './forward';

/** A step as it travels in JSON: like PortableStep, with `weight` and `bias` as base64 float32 text. */
export type EncodedStep =
  | (Omit<Extract<PortableStep, { kind: 'conv' }>, 'weight' | 'bias'> & { weight: string; bias: string })
  | Extract<PortableStep, { kind: 'pool' | 'flatten' | 'activation' }>
  | (Omit<Extract<PortableStep, { kind: 'dense' }>, 'weight' | 'bias'> & { weight: string; bias: string });

/** A model for the browser: one example's input shape and the steps, JSON-serialisable. */
export interface PortableModel {
  inputShape: number[];
  steps: EncodedStep[];
}

const ACTIVATIONS: readonly PortableActivation[] = ACTIVATION_NAMES;

/**
 * Checks a PortableModel (e.g. from a payload) and decodes its weights. Refuses unknown kinds,
 * shapes that are not positive integers, and weights whose length does not match their shape, with
 * "decodePortableModel: step i <rule>, got <actual>".
 *
 * @example
 * const steps = decodePortableModel(payload.model);
 */
export function decodePortableModel(model: PortableModel): PortableStep[] {
  const fail = (rule: string): never => {
    throw new RangeError(`decodePortableModel: ${rule}`);
  };
  const ints = (v: unknown, n: number, min: number): v is number[] =>
    Array.isArray(v) && v.length === n && v.every((d) => Number.isInteger(d) && d >= min);
  if (typeof model !== 'object' || model === null || !Array.isArray(model.steps))
    fail(`model must be { inputShape, steps }, got ${typeof model}`);
  return model.steps.map((s, i): PortableStep => {
    const at = `step ${i} (${JSON.stringify((s as { kind?: unknown })?.kind)})`;
    const floats = (name: string, text: string, length: number): Float32Array => {
      try {
        return decodeFloat32(text, length);
      } catch (e) {
        return fail(`${at} ${name}: ${(e as Error).message}`);
      }
    };
    switch (s?.kind) {
      case 'conv': {
        if (!ints(s.weightShape, 4, 1) || !ints(s.stride, 2, 1) || !ints(s.dilation, 2, 1) || !ints(s.padding, 4, 0)) {
          fail(
            `${at} needs weightShape [K,C,kh,kw], stride, dilation (positive) and padding [top,bottom,left,right] (≥ 0), got ${JSON.stringify([s.weightShape, s.stride, s.dilation, s.padding])}`,
          );
        }
        const size = s.weightShape.reduce((a, b) => a * b, 1);
        return { ...s, weight: floats('weight', s.weight, size), bias: floats('bias', s.bias, s.weightShape[0]) };
      }
      case 'dense': {
        if (!ints(s.weightShape, 2, 1)) fail(`${at} needs weightShape [outputs, inputs], got ${JSON.stringify(s.weightShape)}`);
        return {
          ...s,
          weight: floats('weight', s.weight, s.weightShape[0] * s.weightShape[1]),
          bias: floats('bias', s.bias, s.weightShape[0]),
        };
      }
      case 'pool':
        if ((s.pool !== 'max' && s.pool !== 'avg') || !ints(s.size, 2, 1) || !ints(s.stride, 2, 1) || !ints(s.padding, 2, 0)) {
          fail(`${at} needs pool 'max' | 'avg', size, stride and padding pairs, got ${JSON.stringify(s)}`);
        }
        return s;
      case 'flatten':
        return s;
      case 'activation':
        if (!ACTIVATIONS.includes(s.activation))
          fail(`${at} needs an activation among ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(s.activation)}`);
        return s;
      default:
        return fail(`${at} must have kind 'conv', 'pool', 'flatten', 'dense' or 'activation'`);
    }
  });
}
