// jsdom lacks DragEvent, which @lumino/dragdrop (loaded by @lumino/widgets) subclasses at import time.
if (typeof globalThis.DragEvent === 'undefined') {
  class DragEvent extends MouseEvent {}
  Object.assign(globalThis, { DragEvent });
}
