import type { FieldStage, Maps } from './inspectPayload';
import type { PayloadBase } from './payload';

/**
 * One window step of a layer with the maps it reads and writes: output cell (r, c) of channel k
 * reads input rows r·s − p + t·d (t < k, those inside the input; likewise columns) of the input
 * channels of its group: with `mixes`, channel block ⌊k·groups/K⌋ of C/groups channels (every
 * channel when groups = 1), else channel k alone (pooling).
 */
export interface FieldStep extends FieldStage {
  /** Maps [c, h, w] the step reads and writes. */
  input: [number, number, number];
  output: [number, number, number];
  /** Channel groups of a step that mixes; default 1. */
  groups?: number;
  /**
   * A transposed convolution (mixes): input cell i writes output cells i·s − p + t·d, so output o
   * reads the inputs i = (o + p − t·d)/s that are whole numbers inside the input.
   */
  transposed?: boolean;
}

/** One layer of a receptive-field view: how it reads its input, and its output for one example. */
export interface FieldsLayer {
  name: string;
  /** Window steps in order (a ConvPool2D has two), [] cell to cell (a reshape), 'all' every input (dense). */
  steps: FieldStep[] | 'all';
  /** Its output for one example: maps [c, h, w]; a reshape in its input's shape; a dense layer's n outputs as [1, n, 1] (drawn as bars). */
  activation: Maps;
}

/**
 * Receptive and projective fields across a network (cl.showFields): the input and every layer's
 * maps; a neuron of any column (0 the input, l + 1 layer l) shows the cells it depends on in every
 * column below and the cells that depend on it in every column above, with each layer's
 * receptive-field size r and jump j.
 */
export interface FieldsPayload extends PayloadBase {
  kind: 'fields';
  input: Maps;
  layers: FieldsLayer[];
  /** The neuron shown first: [column, channel, row, col], 0-based. Default the last column's first neuron. */
  focus?: [number, number, number, number];
}
