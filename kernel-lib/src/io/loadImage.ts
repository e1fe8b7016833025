import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { assert } from '../assert';
import { Tensor } from '../tensor';
import { resizeImage } from './resize';
import { ByteSource, readSource } from './source';

/** Options of loadImage. */
export interface LoadImageOptions {
  /** 'gray' (default): one channel, Y = 0.299·R + 0.587·G + 0.114·B (ITU-R BT.601, PIL's 'L'); 'rgb': three. */
  channels?: 'gray' | 'rgb';
  /** Resize to [h, w] with resizeImage (area filter when shrinking, bilinear when growing). */
  size?: readonly [number, number];
  /** Images with more pixels than this are refused before decoding. Default 25,000,000. */
  maxPixels?: number;
  /** Files larger than this are refused before being read. Default 64 MiB. */
  maxBytes?: number;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A PNG or JPEG image (a path or its bytes) as a tensor [1, C, H, W] with values in [0, 1]
 * (8-bit value / 255; alpha is ignored, as PIL's convert does). Decoded in pure JavaScript by pngjs
 * and jpeg-js. Anything else — wrong magic bytes, a truncated or corrupt file, a 0x0 image, more than
 * `maxPixels` pixels — is refused with an error naming the file.
 *
 * @example
 * const x = loadImage('notebooks/data/sample.png', { channels: 'gray', size: [28, 28] }); // [1,1,28,28]
 */
export function loadImage(source: ByteSource, options: LoadImageOptions = {}): Tensor {
  const op = 'loadImage';
  const { channels = 'gray', size, maxPixels = 25_000_000, maxBytes = 64 * 2 ** 20 } = options;
  assert(
    channels === 'gray' || channels === 'rgb',
    () => `${op}: channels must be 'gray' or 'rgb', got ${JSON.stringify(channels)}`,
    TypeError,
  );
  const { bytes, name } = readSource(op, source, maxBytes);
  const isPng = PNG_MAGIC.every((b, i) => bytes[i] === b);
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  assert(
    isPng || isJpeg,
    () => `${op}: ${name} must be a PNG (starting 89 50 4E 47) or a JPEG (starting FF D8 FF), got ${hex(bytes.subarray(0, 4))}`,
  );
  const kind = isPng ? 'PNG' : 'JPEG';
  const checkSize = (width: number, height: number): void => {
    assert(width > 0 && height > 0, () => `${op}: ${name} must be an image of at least 1x1 pixels, got ${width}x${height}`);
    assert(
      width * height <= maxPixels,
      () => `${op}: ${name} must have at most ${maxPixels} pixels, got ${width}x${height} = ${width * height}`,
    );
  };
  let decoded: { width: number; height: number; data: Uint8Array };
  if (isPng) {
    assert(bytes.length >= 24, () => `${op}: ${name} is not a readable PNG: truncated before its size (${bytes.length} bytes)`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    checkSize(view.getUint32(16), view.getUint32(20));
  }
  try {
    decoded = isPng
      ? PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      : jpeg.decode(bytes, {
          useTArray: true,
          formatAsRGBA: true,
          tolerantDecoding: false,
          maxResolutionInMP: maxPixels / 1e6,
          maxMemoryUsageInMB: 1024,
        });
  } catch (e) {
    const message = (e as Error).message;
    if (/maxResolutionInMP/.test(message))
      throw new RangeError(`${op}: ${name} must have at most ${maxPixels} pixels, got more (jpeg-js: ${message})`);
    throw new RangeError(`${op}: ${name} is not a readable ${kind}: ${message}`);
  }
  checkSize(decoded.width, decoded.height);
  assert(
    decoded.data.length === decoded.width * decoded.height * 4,
    () => `${op}: ${name} is not a readable ${kind}: decoded ${decoded.data.length} bytes for ${decoded.width}x${decoded.height} RGBA`,
  );
  const x = toTensor(decoded, channels);
  return size === undefined ? x : resizeImage(x, size);
}

/** RGBA bytes → [1, C, H, W] in [0, 1]. */
function toTensor(img: { width: number; height: number; data: Uint8Array }, channels: 'gray' | 'rgb'): Tensor {
  const { width, height, data } = img;
  const plane = width * height;
  const c = channels === 'gray' ? 1 : 3;
  const out = new Float64Array(c * plane);
  for (let p = 0; p < plane; p++) {
    const [r, g, b] = [data[4 * p], data[4 * p + 1], data[4 * p + 2]];
    if (c === 1) out[p] = Math.min(1, (0.299 * r + 0.587 * g + 0.114 * b) / 255);
    else [out[p], out[plane + p], out[2 * plane + p]] = [r / 255, g / 255, b / 255];
  }
  return new Tensor([1, c, height, width], out);
}

function hex(bytes: Uint8Array): string {
  return bytes.length === 0 ? 'an empty file' : [...bytes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}
