import {
  type ConvBackwardPayload,
  type ConvPayload,
  type ExplorePayload,
  type ExploreSettings,
  type Plane,
  exploreGeometry,
} from '../contract';
import { activate, rotated } from './geometry';
import { correlateSpaced, gatherSpaced, spacingOf } from './windows';
import { type Room, emptyScene, widthOf } from './build';
import type { Scene } from './scene';

/**
 * What the explorer shows for a setting, as pure functions the page runs when a control moves and
 * the library runs for the static fallbacks: the linked view of that setting (recomputed from the
 * payload's x and w by the same window functions the linked views read, tested equal to conv2d and
 * conv2dBackward), the conv_arithmetic relationship that gives its shapes, and the equivalent calls
 * in convlab, PyTorch, TensorFlow.js and SciPy.
 */

/** The top-left rows x cols of a plane. */
function crop(p: Plane, rows: number, cols: number): Plane {
  const data: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data.push(p.data[r * p.shape[1] + c]);
  return { shape: [rows, cols], data };
}

/** The planes a setting slides: x cut to i x i, w cut to k x k and, for a convolution, turned by 180°. */
export function explorePlanes(p: ExplorePayload, s: ExploreSettings): { input: Plane; kernel: Plane } {
  const input = crop(p.input, s.input, s.input);
  const cut = crop(p.kernel, s.kernel, s.kernel);
  return { input, kernel: s.operation === 'convolution' ? rotated(cut) : cut };
}

/** How a setting reads as words, e.g. "correlation · forward · 5x5 input · 3x3 kernel". */
export function settingCaption(s: ExploreSettings): string {
  const padding = typeof s.padding === 'number' ? `padding ${s.padding}` : `padding '${s.padding}'`;
  return [
    s.operation,
    s.direction,
    `${s.input}x${s.input} input`,
    `${s.kernel}x${s.kernel} kernel`,
    `stride ${s.stride}`,
    padding,
    `dilation ${s.dilation}`,
  ].join(' · ');
}

/**
 * The linked view of a setting: the conv view of a = σ(b + x ⋆ w) (forward), or the conv-backward
 * view of δˡ = ∂L/∂x for δ = z, the gradient of L = ½Σz² (backward). Undefined when the setting has
 * no output (the dilated kernel does not fit in the padded input).
 */
export function exploreView(p: ExplorePayload, s: ExploreSettings = p.settings): ConvPayload | ConvBackwardPayload | undefined {
  const g = exploreGeometry(s);
  if (g.output[0] < 1 || g.output[1] < 1) return undefined;
  const { input, kernel } = explorePlanes(p, s);
  const spacing = spacingOf(g);
  const z = correlateSpaced(input, kernel, spacing, p.bias);
  const base = { version: 1 as const, ...(p.indexBase !== undefined ? { indexBase: p.indexBase } : {}) };
  const title = `${p.title} · ${s.operation} · ${s.direction}`;
  if (s.direction === 'forward') {
    const focus = p.focus && p.focus[0] < g.output[0] && p.focus[1] < g.output[1] ? { focus: p.focus } : {};
    return {
      ...base,
      kind: 'conv',
      title,
      input,
      kernel,
      bias: p.bias,
      activation: p.activation,
      output: { shape: z.shape, data: z.data.map((v) => activate(p.activation, v)) },
      ...spacing,
      ...(p.symbols ? { symbols: true } : {}),
      ...focus,
    };
  }
  const focus = p.focus && p.focus[0] < g.input[0] && p.focus[1] < g.input[1] ? { focus: p.focus } : {};
  return {
    ...base,
    kind: 'conv-backward',
    title: `${title} · δ = z (L = ½Σz²)`,
    delta: z,
    kernel,
    output: gatherSpaced(z, kernel, g.input, spacing),
    ...spacing,
    ...focus,
  };
}

/** Why a setting has no output, or undefined when it has one. */
export function exploreProblem(s: ExploreSettings): string | undefined {
  const g = exploreGeometry(s);
  if (g.output[0] >= 1) return undefined;
  const extent = s.dilation * (s.kernel - 1) + 1;
  const [before, after] = g.padding[0];
  return `no output: the dilated kernel spans d(k − 1) + 1 = ${extent} cells, more than the padded input i + ${before} + ${after} = ${s.input + before + after}`;
}

/**
 * The conv_arithmetic relationship of a setting with its numbers: the forward output length
 * o = ⌊(i + before + after − d(k − 1) − 1)/s⌋ + 1, and the transposed counterpart the backward view
 * runs, which gives back the input length i = (o − 1)·s + d(k − 1) + 1 − before − after + r, with r
 * the rows past the last window (r = (i + before + after − d(k − 1) − 1) mod s).
 */
export function exploreRelation(s: ExploreSettings): string[] {
  const g = exploreGeometry(s);
  const [before, after] = g.padding[0];
  const o = g.output[0];
  const k1 = s.kernel - 1;
  const span = s.input + before + after - s.dilation * k1 - 1;
  const lines: string[] = [];
  if (typeof s.padding === 'string' && s.padding !== 'valid') {
    const rule = s.padding === 'same' ? `TensorFlow's rule: ⌈i/s⌉ = ${Math.ceil(s.input / s.stride)} outputs` : 'd(k − 1) each side';
    lines.push(`padding '${s.padding}' = ${before} before, ${after} after (${rule})`);
  }
  if (o < 1) return [...lines, exploreProblem(s) as string];
  lines.push(
    `o = ⌊(i + ${before} + ${after} − d(k − 1) − 1)/s⌋ + 1 = ⌊(${s.input} + ${before} + ${after} − ${s.dilation}·${k1} − 1)/${s.stride}⌋ + 1 = ${o}`,
  );
  const r = span % s.stride;
  lines.push(
    `transposed: i = (o − 1)·s + d(k − 1) + 1 − ${before} − ${after} + r = (${o} − 1)·${s.stride} + ${s.dilation}·${k1} + 1 − ${before + after} + ${r} = ${s.input}` +
      (r > 0 ? ` (r = ${r}: the last ${r} padded row${r > 1 ? 's are' : ' is'} read by no window)` : ''),
  );
  return lines;
}

/** The equivalent calls of a setting; `note` says why a peer cannot run it as one call, when it cannot. */
export interface PeerCall {
  code: string;
  note?: string;
}

export interface ExploreCalls {
  convlab: PeerCall;
  pytorch: PeerCall;
  tfjs: PeerCall;
  scipy: PeerCall;
}

const num = (v: number): string => String(v);
/** A number as Python writes a float (PyTorch's bias must be one). */
const pyFloat = (v: number): string => (Number.isInteger(v) ? `${v}.0` : String(v));

/**
 * The calls in convlab, PyTorch, TensorFlow.js and SciPy that compute this setting's numbers from
 * the same x and w (forward: z = b + x ⋆ w before σ; backward: δˡ from dy = z). The names: x is
 * the i x i input (1x1xixi in NCHW; 1xixix1 in TensorFlow.js's NHWC; a 2-D array in SciPy), w the
 * k x k kernel (1x1xkxk; kxkx1x1; 2-D), b the bias, dy the δ of the output. The printed calls are
 * run by the tests (TensorFlow.js in Node, SciPy in the project's Python) and give the library's numbers.
 */
export function exploreCalls(s: ExploreSettings, bias: number): ExploreCalls {
  const g = exploreGeometry(s);
  const [before, after] = g.padding[0];
  const symmetric = before === after;
  const convolution = s.operation === 'convolution';
  const backward = s.direction === 'backward';
  const b = num(bias);

  // convlab: conv2d resolves every padding form itself.
  const clPadding = typeof s.padding === 'number' ? num(s.padding) : `'${s.padding}'`;
  const clOptions = `{ stride: ${s.stride}, padding: ${clPadding}, dilation: ${s.dilation} }`;
  const clW = convolution ? 'cl.rot180(w)' : 'w';
  const convlab = backward ? `cl.conv2dBackward(x, ${clW}, dy, ${clOptions}).dx` : `cl.conv2d(x, ${clW}, cl.tensor([${b}]), ${clOptions})`;

  // PyTorch: padding='same' only with stride 1; asymmetric sides through F.pad.
  const ptW = convolution ? 'torch.flip(w, (2, 3))' : 'w';
  const ptSame = s.padding === 'same' && s.stride === 1;
  const ptX = symmetric || ptSame ? 'x' : `F.pad(x, (${before}, ${after}, ${before}, ${after}))`;
  const ptPadding = ptSame ? `'same'` : symmetric ? num(before) : '0';
  const ptCall = (xs: string) =>
    `F.conv2d(${xs}, ${ptW}, torch.tensor([${pyFloat(bias)}]), stride=${s.stride}, padding=${ptPadding}, dilation=${s.dilation})`;
  const pytorch = backward ? `x.requires_grad_(True)\n${ptCall(ptX)}.backward(dy)\nx.grad` : ptCall(ptX);

  // TensorFlow.js: no stride > 1 with dilation > 1 in one call (stride 1, then every s-th cell); no gradient with dilation > 1.
  const tfW = convolution ? 'tf.reverse(w, [0, 1])' : 'w';
  const both = s.stride > 1 && s.dilation > 1;
  const explicit = `[[0, 0], [${before}, ${after}], [${before}, ${after}], [0, 0]]`;
  const tfPad = s.padding === 'valid' ? `'valid'` : s.padding === 'same' && !both ? `'same'` : symmetric ? num(before) : explicit;
  const padded = s.input + before + after;
  const dense = padded - (s.dilation * (s.kernel - 1) + 1) + 1;
  const tfConv = (xs: string) =>
    both
      ? `tf.stridedSlice(tf.conv2d(${xs}, ${tfW}, 1, ${tfPad}, 'NHWC', ${s.dilation}), [0, 0, 0, 0], [1, ${dense}, ${dense}, 1], [1, ${s.stride}, ${s.stride}, 1])`
      : `tf.conv2d(${xs}, ${tfW}, ${s.stride}, ${tfPad}, 'NHWC', ${s.dilation})`;
  const tfjs: PeerCall = backward
    ? s.dilation > 1
      ? {
          code: `tf.grad((x) => tf.sum(tf.mul(${tfConv('x')}, dy)))(x)`,
          note: `TensorFlow.js has no gradient of conv2d with dilation > 1${both ? ', nor of stridedSlice' : ''}`,
        }
      : { code: `tf.grad((x) => tf.sum(tf.mul(${tfConv('x')}, dy)))(x)` }
    : { code: `tf.add(${tfConv('x')}, ${b})` };

  // SciPy: correlate2d / convolve2d are stride-1 and dense; pad, spread the kernel and take every s-th cell.
  const plain = s.stride === 1 && s.dilation === 1 && (s.padding === 'valid' || s.padding === 'full' || s.padding === 0);
  const mode = s.padding === 'full' ? 'full' : 'valid';
  const e = s.dilation * (s.kernel - 1) + 1;
  const spread = s.dilation > 1 ? [`wd = np.zeros((${e}, ${e}))`, `wd[::${s.dilation}, ::${s.dilation}] = w`] : [];
  const wd = s.dilation > 1 ? 'wd' : 'w';
  const xp = before + after > 0 ? `np.pad(x, ((${before}, ${after}), (${before}, ${after})))` : 'x';
  const fwd = convolution ? 'convolve2d' : 'correlate2d';
  const step = s.stride > 1 ? `[::${s.stride}, ::${s.stride}]` : '';
  let scipy: string;
  if (!backward) {
    scipy = plain ? `${fwd}(x, w, mode='${mode}') + ${b}` : [...spread, `${fwd}(${xp}, ${wd}, mode='valid')${step} + ${b}`].join('\n');
  } else {
    const o = g.output[0];
    const full = (o - 1) * s.stride + 1;
    const back = convolution ? 'correlate2d' : 'convolve2d';
    scipy = [
      ...spread,
      ...(s.stride > 1 ? [`dz = np.zeros((${full}, ${full}))`, `dz[::${s.stride}, ::${s.stride}] = dy`] : []),
      `g = ${back}(${s.stride > 1 ? 'dz' : 'dy'}, ${wd}, mode='full')`,
      `dxp = np.zeros((${padded}, ${padded}))`,
      `dxp[:g.shape[0], :g.shape[1]] = g`,
      `dx = dxp[${before}:${before + s.input}, ${before}:${before + s.input}]`,
    ].join('\n');
  }
  return { convlab: { code: convlab }, pytorch: { code: pytorch }, tfjs, scipy: { code: scipy } };
}

/** The calls as lines of text, each peer named, for the caption and the text fallback. */
export function callLines(calls: ExploreCalls): string[] {
  const names: Record<keyof ExploreCalls, string> = { convlab: 'convlab', pytorch: 'PyTorch', tfjs: 'TensorFlow.js', scipy: 'SciPy' };
  return (Object.keys(names) as Array<keyof ExploreCalls>).flatMap((key) => {
    const call = calls[key];
    return [`${names[key]}:${call.note ? ` (${call.note})` : ''}`, ...call.code.split('\n').map((line) => `  ${line}`)];
  });
}

/** Pixels per line of the relationship written under the explorer's view. */
const NOTE_LINE = 16;

/**
 * The explorer's scene for its setting: the linked view of `exploreView` (forward or backward),
 * titled with the setting, with the conv_arithmetic relationship written under it; a setting with
 * no output draws the reason only. `describe` is describeView (passed in: it dispatches on kinds,
 * this one among them).
 */
export function exploreScene(
  p: ExplorePayload,
  room: Room,
  position: number | undefined,
  describe: (view: ConvPayload | ConvBackwardPayload, options: Room & { position?: number }) => Scene,
): Scene {
  const view = exploreView(p);
  const lines = [settingCaption(p.settings), ...exploreRelation(p.settings)];
  const s = view ? describe(view, { ...room, position }) : emptyScene(widthOf(room), 40, `explorer: ${p.title}; ${lines.join('; ')}`);
  if (!view) s.labels.push({ x: 8, y: 20, text: p.title, size: 14, anchor: 'start', tone: 'title' });
  const top = s.height + 4;
  lines.forEach((text, i) =>
    s.labels.push({ x: 8, y: top + 12 + i * NOTE_LINE, text, size: 12, anchor: 'start', tone: i === 0 ? 'ink' : 'muted' }),
  );
  s.height = top + lines.length * NOTE_LINE + 8;
  const needed = Math.ceil(Math.max(...lines.map((l) => l.length)) * 6.6) + 16;
  s.width = Math.max(s.width, Math.min(needed, widthOf(room)));
  s.alt = `explorer (${settingCaption(p.settings)}): ${s.alt}`;
  return s;
}
