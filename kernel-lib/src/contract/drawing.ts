/**
 * The drawing view's payload: a trained model's layers and weights, and the drawing so far. The
 * page runs the model on what is drawn (`runDrawing` in `convlab/view`, the library's formulas);
 * the static fallbacks show the given drawing (or an empty one) with the model's answer.
 */

import type { ActivationName } from '../portable/activation';

/** Activations of a layer in the browser forward pass (softmax: Dense only). */
export type DrawingActivation = ActivationName;

/** Pooling that follows a convolution in the same layer (ConvPool2D): windows tile the map. */
export interface DrawingConvPool {
  mode: 'max' | 'avg';
  size: [number, number];
  /** 'standard': pool(f(conv + b)); 'nielsen': f(pool(conv) + b). */
  order: 'standard' | 'nielsen';
}

/** Conv2D (or ConvPool2D with `pool`): weight [K, C, kh, kw] then bias [K] in the weight blob. */
export interface DrawingConvLayer {
  kind: 'conv';
  name: string;
  inChannels: number;
  outChannels: number;
  kernel: [number, number];
  stride: [number, number];
  /** Zeros added [top, left, bottom, right]. */
  padding: [number, number, number, number];
  dilation: [number, number];
  activation: Exclude<DrawingActivation, 'softmax'>;
  pool?: DrawingConvPool;
}

/** MaxPool2D / AvgPool2D: no weights. Average pooling divides by size² (padding counts as zeros). */
export interface DrawingPoolLayer {
  kind: 'pool';
  name: string;
  mode: 'max' | 'avg';
  size: [number, number];
  stride: [number, number];
  padding: [number, number];
}

export interface DrawingFlattenLayer {
  kind: 'flatten';
  name: string;
}

/** Dense: weight [outputs, inputs] then bias [outputs] in the weight blob; y = f(W·x + b). */
export interface DrawingDenseLayer {
  kind: 'dense';
  name: string;
  inputs: number;
  outputs: number;
  activation: DrawingActivation;
}

export type DrawingLayer = DrawingConvLayer | DrawingPoolLayer | DrawingFlattenLayer | DrawingDenseLayer;

/** What a drawing payload carries besides the common fields: the model runs on the 28x28 drawing [1, 28, 28] and its last layer gives 10 outputs. */
export interface DrawingModel {
  layers: DrawingLayer[];
  /** Every layer's weight then bias, in layer order, row-major, as base64 of little-endian float32. */
  weights: string;
  /** The drawing shown first (`encodeDigit`'s 'digit28:…' string); default empty. */
  pixels?: string;
}

/** Bounds of a drawing payload (beyond the common ones): what the page can run at drawing speed. */
export const DRAWING_LIMITS = {
  layers: 16,
  /** float32 weights in the blob (4 MiB). */
  weights: 1 << 20,
  /** Values of all feature maps together. */
  activations: 1 << 20,
  /** Multiply-adds of one forward pass. */
  operations: 50_000_000,
  /** Channels of a map, units of a dense layer. */
  width: 1024,
  kernel: 32,
} as const;

/** The number of classes the last layer must give. */
export const DRAWING_CLASSES = 10;

const outLength = (size: number, k: number, stride: number, before: number, after: number, dilation = 1): number =>
  Math.floor((size + before + after - dilation * (k - 1) - 1) / stride) + 1;

/** One layer's output shape ([C, H, W] or [n]), weight count and multiply-adds, or a message. */
export interface LayerStep {
  shape: number[];
  weights: number;
  operations: number;
  /** For a ConvPool2D layer: the shape of the convolution before pooling. */
  convShape?: number[];
}

/**
 * The shapes through the layers from the input [1, 28, 28], with each layer's weight count: the
 * rules of conv2d (out = floor((in + pads − d·(k − 1) − 1)/s) + 1), pooling (floor((in + 2p − size)/s) + 1,
 * ConvPool2D's windows tile the map: floor(in/size)), Flatten and Dense. A string says which layer
 * does not fit which shape.
 */
export function drawingSteps(layers: readonly DrawingLayer[]): LayerStep[] | string {
  let shape = [1, 28, 28];
  const steps: LayerStep[] = [];
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const at = `layers[${i}]`;
    if (l.kind === 'conv') {
      if (shape.length !== 3 || shape[0] !== l.inChannels)
        return `${at} expects ${l.inChannels} input channels, got shape ${shape.join('x')}`;
      const [kh, kw] = l.kernel;
      const h = outLength(shape[1], kh, l.stride[0], l.padding[0], l.padding[2], l.dilation[0]);
      const w = outLength(shape[2], kw, l.stride[1], l.padding[1], l.padding[3], l.dilation[1]);
      if (h < 1 || w < 1) return `${at}: the kernel does not fit the input ${shape.join('x')}`;
      const conv = [l.outChannels, h, w];
      const operations = l.outChannels * h * w * l.inChannels * kh * kw;
      const weights = l.outChannels * l.inChannels * kh * kw + l.outChannels;
      if (l.pool) {
        const [ph, pw] = [Math.floor(h / l.pool.size[0]), Math.floor(w / l.pool.size[1])];
        if (ph < 1 || pw < 1) return `${at}: the pooling window does not fit the map ${h}x${w}`;
        steps.push({ shape: [l.outChannels, ph, pw], weights, operations, convShape: conv });
      } else steps.push({ shape: conv, weights, operations });
    } else if (l.kind === 'pool') {
      if (shape.length !== 3) return `${at} pools maps [C, H, W], got shape ${shape.join('x')}`;
      const h = outLength(shape[1], l.size[0], l.stride[0], l.padding[0], l.padding[0]);
      const w = outLength(shape[2], l.size[1], l.stride[1], l.padding[1], l.padding[1]);
      if (h < 1 || w < 1) return `${at}: the pooling window does not fit the map ${shape.slice(1).join('x')}`;
      steps.push({ shape: [shape[0], h, w], weights: 0, operations: shape[0] * h * w * l.size[0] * l.size[1] });
    } else if (l.kind === 'flatten') {
      steps.push({ shape: [shape.reduce((a, b) => a * b, 1)], weights: 0, operations: 0 });
    } else {
      if (shape.length !== 1 || shape[0] !== l.inputs)
        return `${at} expects ${l.inputs} inputs, got shape ${shape.join('x')}${shape.length > 1 ? ' (Flatten first)' : ''}`;
      steps.push({ shape: [l.outputs], weights: l.outputs * l.inputs + l.outputs, operations: l.outputs * l.inputs });
    }
    shape = steps[steps.length - 1].shape;
  }
  return steps;
}
