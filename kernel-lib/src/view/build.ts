import { ticksOf } from './colour';
import { DEFAULT_WIDTH } from './panels';
import type { ColourBar, Label, Panel, Scene, ScaleSpec } from './scene';

/** What the view model may use: the pixels the output has across (default DEFAULT_WIDTH). */
export interface Room {
  width?: number;
}

/** The width to lay out for: the measured one, at least 240 pixels, or the default. */
export const widthOf = (room: Room): number => Math.max(240, room.width ?? DEFAULT_WIDTH);

/** A scene with nothing drawn yet. */
export function emptyScene(width: number, height: number, alt: string): Scene {
  return { width, height, alt, labels: [], panels: [], frames: [], rings: [], rules: [], bars: [], boxes: [], plots: [], curves: [] };
}

/** A colour bar beside a panel (none for one under 100 pixels tall: its values are written in the cells). */
export function barBeside(panel: Panel, scale: ScaleSpec): ColourBar[] {
  const height = panel.rows * panel.cell;
  if (height < 100) return [];
  return [{ x: panel.x + panel.cols * panel.cell + 14, y: panel.y, width: 12, height, scale, ticks: ticksOf(scale.min, scale.max) }];
}

/** Pixels per character of a title (14 px font), and per extra line when it wraps. */
const TITLE_CHAR = 7.5;
const TITLE_LINE = 18;

function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= chars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Moves everything drawn in pixels `dy` lower (frames, rings and rules sit in their panels). */
function shiftDown(s: Scene, dy: number): void {
  for (const item of [...s.labels, ...s.panels, ...s.bars, ...s.boxes, ...s.plots]) item.y += dy;
  if (s.legend) s.legend.y += dy;
  s.height += dy;
}

/**
 * Writes the title at the top left. A title longer than the scene is wide widens it, up to the
 * room (the panels keep their places); what still does not fit wraps onto more lines, and
 * everything under it moves down to make room.
 */
export function titled(s: Scene, title: string, room: Room): Scene {
  const needed = Math.ceil(title.length * TITLE_CHAR) + 24;
  if (s.width < needed) s.width = Math.max(s.width, Math.min(needed, widthOf(room)));
  const lines = s.width >= needed ? [title] : wrap(title, Math.max(8, Math.floor((s.width - 24) / TITLE_CHAR)));
  if (lines.length > 1) shiftDown(s, TITLE_LINE * (lines.length - 1));
  const out: Label[] = lines.map((text, i) => ({ x: 8, y: 20 + i * TITLE_LINE, text, size: 14, anchor: 'start', tone: 'title' }));
  s.labels.unshift(...out);
  return s;
}
