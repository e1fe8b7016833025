// One concrete export per kernel and precision, <name>_f64 and <name>_f32: AssemblyScript
// cannot export generic functions.
import { packPanels } from './tile';
import { convForward, convBackwardInput, convBackwardFilter } from './conv';
import { groupedForward, groupedBackwardInput, groupedBackwardFilter } from './grouped';
import { denseForward, denseBackwardInput, denseBackwardWeights } from './dense';
import { maxPoolForward, maxPoolBackward, avgPoolForward, avgPoolBackward } from './pool';
import { activationForward, activationBackward, addChannelBias, softmaxCrossEntropy, quadraticLoss, addInto, zero, sgdUpdate } from './pointwise';
export function packPanels_f64(src: usize, rows: i32, cols: i32, rs: i32, cs: i32, dst: usize): void {
  packPanels<f64>(src, rows, cols, rs, cs, dst);
}
export function packPanels_f32(src: usize, rows: i32, cols: i32, rs: i32, cs: i32, dst: usize): void {
  packPanels<f32>(src, rows, cols, rs, cs, dst);
}
export function convForward_f64(plan: usize, x: usize, wp: usize, b: usize, y: usize, n0: i32, n1: i32, buf: usize, tile: usize): void {
  convForward<f64>(plan, x, wp, b, y, n0, n1, buf, tile);
}
export function convForward_f32(plan: usize, x: usize, wp: usize, b: usize, y: usize, n0: i32, n1: i32, buf: usize, tile: usize): void {
  convForward<f32>(plan, x, wp, b, y, n0, n1, buf, tile);
}
export function convBackwardInput_f64(plan: usize, dy: usize, wtp: usize, dx: usize, n0: i32, n1: i32, buf: usize, tile: usize): void {
  convBackwardInput<f64>(plan, dy, wtp, dx, n0, n1, buf, tile);
}
export function convBackwardInput_f32(plan: usize, dy: usize, wtp: usize, dx: usize, n0: i32, n1: i32, buf: usize, tile: usize): void {
  convBackwardInput<f32>(plan, dy, wtp, dx, n0, n1, buf, tile);
}
export function convBackwardFilter_f64(plan: usize, x: usize, dy: usize, dw: usize, db: usize, n0: i32, n1: i32, buf: usize, rows: usize, packed: usize, tile: usize): void {
  convBackwardFilter<f64>(plan, x, dy, dw, db, n0, n1, buf, rows, packed, tile);
}
export function convBackwardFilter_f32(plan: usize, x: usize, dy: usize, dw: usize, db: usize, n0: i32, n1: i32, buf: usize, rows: usize, packed: usize, tile: usize): void {
  convBackwardFilter<f32>(plan, x, dy, dw, db, n0, n1, buf, rows, packed, tile);
}
export function denseForward_f64(inputs: i32, outputs: i32, x: usize, w: usize, b: usize, z: usize, n0: i32, n1: i32, tile: usize): void {
  denseForward<f64>(inputs, outputs, x, w, b, z, n0, n1, tile);
}
export function denseForward_f32(inputs: i32, outputs: i32, x: usize, w: usize, b: usize, z: usize, n0: i32, n1: i32, tile: usize): void {
  denseForward<f32>(inputs, outputs, x, w, b, z, n0, n1, tile);
}
export function denseBackwardInput_f64(inputs: i32, outputs: i32, dz: usize, w: usize, dx: usize, n0: i32, n1: i32, offsW: usize, packed: usize, tile: usize): void {
  denseBackwardInput<f64>(inputs, outputs, dz, w, dx, n0, n1, offsW, packed, tile);
}
export function denseBackwardInput_f32(inputs: i32, outputs: i32, dz: usize, w: usize, dx: usize, n0: i32, n1: i32, offsW: usize, packed: usize, tile: usize): void {
  denseBackwardInput<f32>(inputs, outputs, dz, w, dx, n0, n1, offsW, packed, tile);
}
export function denseBackwardWeights_f64(inputs: i32, outputs: i32, dz: usize, x: usize, dw: usize, db: usize, n0: i32, n1: i32, offsX: usize, packed: usize, tile: usize): void {
  denseBackwardWeights<f64>(inputs, outputs, dz, x, dw, db, n0, n1, offsX, packed, tile);
}
export function denseBackwardWeights_f32(inputs: i32, outputs: i32, dz: usize, x: usize, dw: usize, db: usize, n0: i32, n1: i32, offsX: usize, packed: usize, tile: usize): void {
  denseBackwardWeights<f32>(inputs, outputs, dz, x, dw, db, n0, n1, offsX, packed, tile);
}
export function maxPoolForward_f64(plan: usize, x: usize, y: usize, argmax: usize, p0: i32, p1: i32): void {
  maxPoolForward<f64>(plan, x, y, argmax, p0, p1);
}
export function maxPoolForward_f32(plan: usize, x: usize, y: usize, argmax: usize, p0: i32, p1: i32): void {
  maxPoolForward<f32>(plan, x, y, argmax, p0, p1);
}
export function maxPoolBackward_f64(plan: usize, argmax: usize, dy: usize, dx: usize, p0: i32, p1: i32): void {
  maxPoolBackward<f64>(plan, argmax, dy, dx, p0, p1);
}
export function maxPoolBackward_f32(plan: usize, argmax: usize, dy: usize, dx: usize, p0: i32, p1: i32): void {
  maxPoolBackward<f32>(plan, argmax, dy, dx, p0, p1);
}
export function avgPoolForward_f64(plan: usize, x: usize, y: usize, p0: i32, p1: i32): void {
  avgPoolForward<f64>(plan, x, y, p0, p1);
}
export function avgPoolForward_f32(plan: usize, x: usize, y: usize, p0: i32, p1: i32): void {
  avgPoolForward<f32>(plan, x, y, p0, p1);
}
export function avgPoolBackward_f64(plan: usize, dy: usize, dx: usize, p0: i32, p1: i32): void {
  avgPoolBackward<f64>(plan, dy, dx, p0, p1);
}
export function avgPoolBackward_f32(plan: usize, dy: usize, dx: usize, p0: i32, p1: i32): void {
  avgPoolBackward<f32>(plan, dy, dx, p0, p1);
}
export function activationForward_f64(kind: i32, z: usize, a: usize, i0: i32, i1: i32): void {
  activationForward<f64>(kind, z, a, i0, i1);
}
export function activationForward_f32(kind: i32, z: usize, a: usize, i0: i32, i1: i32): void {
  activationForward<f32>(kind, z, a, i0, i1);
}
export function activationBackward_f64(kind: i32, z: usize, a: usize, da: usize, dz: usize, i0: i32, i1: i32): void {
  activationBackward<f64>(kind, z, a, da, dz, i0, i1);
}
export function activationBackward_f32(kind: i32, z: usize, a: usize, da: usize, dz: usize, i0: i32, i1: i32): void {
  activationBackward<f32>(kind, z, a, da, dz, i0, i1);
}
export function addChannelBias_f64(x: usize, b: usize, k: i32, hw: i32, n0: i32, n1: i32): void {
  addChannelBias<f64>(x, b, k, hw, n0, n1);
}
export function addChannelBias_f32(x: usize, b: usize, k: i32, hw: i32, n0: i32, n1: i32): void {
  addChannelBias<f32>(x, b, k, hw, n0, n1);
}
export function softmaxCrossEntropy_f64(z: usize, t: usize, out: usize, dz: usize, loss: usize, m: i32, n0: i32, n1: i32, batch: i32): void {
  softmaxCrossEntropy<f64>(z, t, out, dz, loss, m, n0, n1, batch);
}
export function softmaxCrossEntropy_f32(z: usize, t: usize, out: usize, dz: usize, loss: usize, m: i32, n0: i32, n1: i32, batch: i32): void {
  softmaxCrossEntropy<f32>(z, t, out, dz, loss, m, n0, n1, batch);
}
export function quadraticLoss_f64(a: usize, t: usize, da: usize, loss: usize, m: i32, n0: i32, n1: i32, batch: i32): void {
  quadraticLoss<f64>(a, t, da, loss, m, n0, n1, batch);
}
export function quadraticLoss_f32(a: usize, t: usize, da: usize, loss: usize, m: i32, n0: i32, n1: i32, batch: i32): void {
  quadraticLoss<f32>(a, t, da, loss, m, n0, n1, batch);
}
export function addInto_f64(dst: usize, src: usize, i0: i32, i1: i32): void {
  addInto<f64>(dst, src, i0, i1);
}
export function addInto_f32(dst: usize, src: usize, i0: i32, i1: i32): void {
  addInto<f32>(dst, src, i0, i1);
}
export function zero_f64(p: usize, bytes: i32): void {
  zero<f64>(p, bytes);
}
export function zero_f32(p: usize, bytes: i32): void {
  zero<f32>(p, bytes);
}
export function groupedForward_f64(plan: usize, x: usize, w: usize, b: usize, y: usize, q0: i32, q1: i32, pad: usize): void {
  groupedForward<f64>(plan, x, w, b, y, q0, q1, pad);
}
export function groupedBackwardInput_f64(plan: usize, w: usize, dy: usize, dx: usize, q0: i32, q1: i32, pad: usize): void {
  groupedBackwardInput<f64>(plan, w, dy, dx, q0, q1, pad);
}
export function groupedBackwardFilter_f64(plan: usize, x: usize, dy: usize, dw: usize, db: usize, n0: i32, n1: i32, k0: i32, k1: i32, pad: usize): void {
  groupedBackwardFilter<f64>(plan, x, dy, dw, db, n0, n1, k0, k1, pad);
}
export function groupedForward_f32(plan: usize, x: usize, w: usize, b: usize, y: usize, q0: i32, q1: i32, pad: usize): void {
  groupedForward<f32>(plan, x, w, b, y, q0, q1, pad);
}
export function groupedBackwardInput_f32(plan: usize, w: usize, dy: usize, dx: usize, q0: i32, q1: i32, pad: usize): void {
  groupedBackwardInput<f32>(plan, w, dy, dx, q0, q1, pad);
}
export function groupedBackwardFilter_f32(plan: usize, x: usize, dy: usize, dw: usize, db: usize, n0: i32, n1: i32, k0: i32, k1: i32, pad: usize): void {
  groupedBackwardFilter<f32>(plan, x, dy, dw, db, n0, n1, k0, k1, pad);
}
export function sgdUpdate_f64(w: usize, g: usize, n: i32, keep: f64, eta: f64): void {
  sgdUpdate<f64>(w, g, n, keep, eta);
}
export function sgdUpdate_f32(w: usize, g: usize, n: i32, keep: f64, eta: f64): void {
  sgdUpdate<f32>(w, g, n, keep, eta);
}
