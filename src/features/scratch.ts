/**
 * Scratch arrays reused from call to call. One extraction runs every feature class on 14 or more
 * derived images of the same ROI; arrays the size of the ROI or of its bounding box, made anew
 * each time, were megabytes of fresh pages and garbage per image (page faults and collections,
 * not the arithmetic, were a good part of a large ROI's time). A slot keeps the largest array it
 * was asked for (up to KEEP_AT_MOST elements) and hands out views of it.
 *
 * Only for arrays that do not outlive the call that takes them: the next call for the same slot
 * gets the same memory. Each slot name belongs to one function.
 */

type Typed = Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array;
type Ctor<T extends Typed> = { new (length: number): T };

const KEEP_AT_MOST = 1 << 23;
const slots = new Map<string, Typed>();

function reused<T extends Typed>(ctor: Ctor<T>, slot: string, length: number, zeroed: boolean): T {
  if (length > KEEP_AT_MOST) return new ctor(length);
  let a = slots.get(slot) as T | undefined;
  if (!a || !(a instanceof ctor) || a.length < length) {
    a = new ctor(Math.max(length, 1024));
    slots.set(slot, a);
    return a.subarray(0, length) as T;
  }
  const view = a.subarray(0, length) as T;
  if (zeroed) view.fill(0);
  return view;
}

/** A Float64Array of `length` from `slot`: all zeros when `zeroed`, else any content. */
export const reusedFloat64 = (slot: string, length: number, zeroed = true) => reused(Float64Array, slot, length, zeroed);
export const reusedFloat32 = (slot: string, length: number, zeroed = true) => reused(Float32Array, slot, length, zeroed);
export const reusedInt32 = (slot: string, length: number, zeroed = true) => reused(Int32Array, slot, length, zeroed);
export const reusedUint16 = (slot: string, length: number, zeroed = true) => reused(Uint16Array, slot, length, zeroed);
export const reusedUint8 = (slot: string, length: number, zeroed = true) => reused(Uint8Array, slot, length, zeroed);
