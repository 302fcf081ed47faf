/**
 * The label grid as the texture kernels (./neighbour-counts-wasm.ts, ./run-tallies-wasm.ts) read
 * it in their memory: the ROI voxels' byte addresses in the grid (int32, raster order) from byte
 * 0, and the grid itself (uint8) at `gridAt`.
 */

/** `n` rounded up to a multiple of 16 (where a kernel's next array starts). */
export const align16 = (n: number): number => (n + 15) & ~15;

/**
 * The kernel's memory, at least `bytes` long, holding the addresses (roi.length int32 from byte 0)
 * and the label grid (at byte `gridAt`); null where the memory cannot be had (the caller then
 * counts in JavaScript).
 */
export function labelGridMemory(
  kernel: { reserve(bytes: number): ArrayBuffer }, bytes: number, bins: Uint8Array, roi: Int32Array, gridAt: number,
): ArrayBuffer | null {
  let buffer: ArrayBuffer;
  try {
    buffer = kernel.reserve(bytes);
  } catch {
    return null;
  }
  const addresses = new Int32Array(buffer, 0, roi.length);
  for (let r = 0; r < roi.length; r++) addresses[r] = gridAt + roi[r];
  new Uint8Array(buffer, gridAt, bins.length).set(bins);
  return buffer;
}
