import { type Reader, fail, isRecord } from './checks';
import { ACTIVATION_NAMES } from './payload';
import {
  EXPLORE_DIRECTIONS,
  EXPLORE_LIMITS,
  EXPLORE_OPERATIONS,
  EXPLORE_PADDING_RULES,
  type ExploreSettings,
  exploreGeometry,
} from './explorePayload';

/** The explorer's setting: each control within its bounds and the payload's planes, and a setting with an output. */
export function exploreSettings(value: unknown, input: readonly number[], kernel: readonly number[], read: Reader): ExploreSettings {
  if (!isRecord(value)) return fail('settings must be an object');
  const s = value as Record<string, unknown>;
  read.int(s.kernel, 'settings.kernel', 1, Math.min(kernel[0], kernel[1]));
  read.int(s.input, 'settings.input', 1, Math.min(input[0], input[1]));
  read.int(s.stride, 'settings.stride', 1, EXPLORE_LIMITS.stride);
  read.int(s.dilation, 'settings.dilation', 1, EXPLORE_LIMITS.dilation);
  if (typeof s.padding === 'number') read.int(s.padding, 'settings.padding', 0, EXPLORE_LIMITS.padding);
  else read.oneOf(s.padding, 'settings.padding', EXPLORE_PADDING_RULES);
  read.oneOf(s.operation, 'settings.operation', EXPLORE_OPERATIONS);
  read.oneOf(s.direction, 'settings.direction', EXPLORE_DIRECTIONS);
  const settings = s as unknown as ExploreSettings;
  if (exploreGeometry(settings).output[0] < 1) fail('settings must have an output: the dilated kernel must fit in the padded input');
  return settings;
}

export function explore(p: Record<string, unknown>, read: Reader): void {
  const input = read.plane(p.input, 'input', EXPLORE_LIMITS.input);
  const kernel = read.plane(p.kernel, 'kernel', EXPLORE_LIMITS.kernel);
  read.finite(p.bias, 'bias');
  read.oneOf(p.activation, 'activation', ACTIVATION_NAMES);
  const settings = exploreSettings(p.settings, input.shape, kernel.shape, read);
  const g = exploreGeometry(settings);
  read.position(p.focus, 'focus', settings.direction === 'forward' ? g.output : g.input, true);
  if (p.symbols !== undefined && typeof p.symbols !== 'boolean') fail('symbols must be true or false');
}
