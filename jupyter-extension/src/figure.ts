import type { Payload } from 'convlab/contract';
import { describeView } from 'convlab/view';
import type { Figure, Room } from './figureTypes';
import { sceneFigure } from './plotlyScene';
import type { Theme } from './theme';

export { plotlyText } from './plotlyScene';
export type { Figure, Focus, Linking, Room, Shape } from './figureTypes';
export { DEFAULT_WIDTH, MAX_SIDE_WITH_VALUES } from 'convlab/view';

/**
 * The plotly figure of a validated payload, fitted to `room.width` pixels: the view model's
 * description (`describeView`, shared with the static fallbacks) painted by the plotly backend.
 * Pure: no DOM, testable in Node.
 */
export function buildFigure(payload: Payload, theme: Theme, room: Room = {}): Figure {
  return sceneFigure(describeView(payload, { width: room.width }), theme);
}
