import type { Payload } from '../contract';
import { type Room, titled } from './build';
import { compareDifferences, differenceCaption } from './compare';
import { compareScene } from './compareScene';
import { convBackwardScene, convScene } from './conv';
import { drawingScene } from './drawingScene';
import { gridScene } from './grid';
import { kernelScene, matrixScene } from './heatmaps';
import { inspectScene } from './inspectScene';
import { fieldsScene } from './fieldsScene';
import { liveScene } from './liveScene';
import { replayScene } from './replayScene';
import { convTransposeScene, transposeCaption } from './convTranspose';
import { isSpacedPool, poolBackwardScene, poolScene, poolSpacing } from './pool';
import type { Scene } from './scene';
import { spacingCaption } from './formulas';
import { isUnitSpacing, spacingOf } from './windows';
import { exploreScene } from './explore';

/** Where a view is asked to be drawn: the room it has, and for linked views the position shown (0-based, row-major). */
export interface ViewOptions extends Room {
  position?: number;
}

/** The title a view writes: the payload's, with what it must not hide (a per-map scale, a comparison's verdict). */
function titleOf(p: Payload): string {
  if (p.kind === 'grid' && p.scale === 'per-map') return `${p.title} · a scale per map`;
  if (p.kind === 'compare') return `${p.title} · ${differenceCaption(compareDifferences(p))}`;
  if ((p.kind === 'conv' || p.kind === 'conv-backward') && !isUnitSpacing(spacingOf(p)))
    return `${p.title} · ${spacingCaption(spacingOf(p))}`;
  if (p.kind === 'conv-transpose') return transposeCaption(p) ? `${p.title} · ${transposeCaption(p)}` : p.title;
  if ((p.kind === 'pool' || p.kind === 'pool-backward') && isSpacedPool(p)) {
    const spacing = poolSpacing(p);
    const caption = [`stride ${spacing.stride.join('x')}`, spacingCaption({ ...spacing, stride: [1, 1] }), p.ceilMode ? 'ceil mode' : ''];
    return `${p.title} · ${caption.filter(Boolean).join(' · ')}`;
  }
  return p.title;
}

/**
 * The view model: what a validated payload draws, as a `Scene` laid out for `width` pixels (cells
 * shrink down to a minimum, below which panels wrap into rows; grids choose their columns; long
 * titles wrap), with linked views showing `position` (default: the payload's focus). Pure, and the
 * one description every backend paints: plotly in the page, the SVG of the PNG and HTML fallbacks.
 *
 * @example
 * const scene = describeView({ version: 1, kind: 'kernel', title: 'w', symbol: 'w', shape: [1, 2], data: [1, -1] });
 * scene.panels[0].labels?.text; // ['1', '-1']
 */
export function describeView(p: Payload, options: ViewOptions = {}): Scene {
  const { position } = options;
  const scene = ((): Scene => {
    switch (p.kind) {
      case 'matrix':
      case 'signed':
        return matrixScene(p, options);
      case 'kernel':
        return kernelScene(p, options);
      case 'grid':
        return gridScene(p, options);
      case 'conv':
        return convScene(p, options, position);
      case 'conv-backward':
        return convBackwardScene(p, options, position);
      case 'pool':
        return poolScene(p, options, position);
      case 'pool-backward':
        return poolBackwardScene(p, options, position);
      case 'conv-transpose':
        return convTransposeScene(p, options, position);
      case 'compare':
        return compareScene(p, options);
      case 'live':
        return liveScene(p, options);
      case 'inspect':
        return inspectScene(p, options, position);
      case 'replay':
        return replayScene(p, options, position);
      case 'drawing':
        return drawingScene(p, { ...options, pad: false });
      case 'fields':
        return fieldsScene(p, options, position);
      case 'explore':
        return exploreScene(p, options, position, describeView);
    }
  })();
  if (p.kind === 'explore') return scene;
  return titled(scene, titleOf(p), options);
}
