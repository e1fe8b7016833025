import { PAYLOAD_VERSION } from './mime';
import type { MatrixPayload, Payload } from './payload';

export type Validation = { ok: true; payload: Payload } | { ok: false; message: string };

/** Largest side of a matrix the extension accepts; the library downsamples larger tensors first. */
export const MAX_SIDE = 1024;

type Check = string | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkShape2(value: unknown): Check {
  if (!Array.isArray(value) || value.length !== 2) return 'shape must be an array of 2 dimensions';
  for (const d of value) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) return 'shape must hold positive integers';
    if (d > MAX_SIDE) return `shape ${value[0]}x${value[1]} exceeds the ${MAX_SIDE}x${MAX_SIDE} limit`;
  }
  return undefined;
}

function checkFiniteArray(value: unknown, length: number, name: string): Check {
  if (!Array.isArray(value)) return `${name} must be an array of numbers`;
  if (value.length !== length) return `${name} has ${value.length} values but the shape needs ${length}`;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${name}[${i}] must be a finite number`;
  }
  return undefined;
}

function checkMatrix(p: Record<string, unknown>): Check {
  const shapeProblem = checkShape2(p.shape);
  if (shapeProblem) return shapeProblem;
  const [h, w] = p.shape as [number, number];
  return checkFiniteArray(p.data, h * w, 'data');
}

/**
 * Checks an untrusted value against the payload contract. Never throws: returns the typed payload,
 * or a message that says which field broke which rule (without echoing the field's content).
 */
export function validatePayload(value: unknown): Validation {
  try {
    if (!isRecord(value)) return { ok: false, message: 'payload must be a JSON object' };
    if (value.version !== PAYLOAD_VERSION) return { ok: false, message: `payload version must be ${PAYLOAD_VERSION}` };
    if (typeof value.title !== 'string') return { ok: false, message: 'title must be a string' };
    let problem: Check;
    switch (value.kind) {
      case 'matrix':
        problem = checkMatrix(value);
        break;
      default:
        return { ok: false, message: 'kind is not one this renderer knows' };
    }
    if (problem) return { ok: false, message: `${String(value.kind)}: ${problem}` };
    return { ok: true, payload: value as unknown as MatrixPayload };
  } catch {
    return { ok: false, message: 'payload could not be read' };
  }
}
