/**
 * itk-wasm pipelines print to the console: every line their C++ code writes to stdout/stderr
 * (dcmqi's "Row direction: ...", GDCM warnings) and, when they fail, "Exception while running
 * pipeline: ..." before throwing a bare number. radnomo reports its own messages, naming the file,
 * so console.log/console.error/console.warn are silenced while an itk-wasm call runs. Code that
 * must print during a read should write to process.stdout / process.stderr directly.
 */

let depth = 0;
let saved: { log: typeof console.log; error: typeof console.error; warn: typeof console.warn } | null = null;

const drop = (): void => {};

/** Runs an itk-wasm call with its console chatter silenced. Calls may nest or overlap. */
export async function quietItk<T>(fn: () => Promise<T>): Promise<T> {
  if (depth === 0) {
    saved = { log: console.log, error: console.error, warn: console.warn };
    console.log = drop;
    console.error = drop;
    console.warn = drop;
  }
  depth++;
  try {
    return await fn();
  } finally {
    depth--;
    if (depth === 0 && saved) {
      console.log = saved.log;
      console.error = saved.error;
      console.warn = saved.warn;
      saved = null;
    }
  }
}

/**
 * The itk-wasm packages, loaded on first use only: loading them detaches an ArrayBuffer, after
 * which V8 adds a detached-buffer check to every typed-array access in optimised code (texture
 * classes ~20% slower). NIfTI-1 and NRRD are read natively, so an extraction from those files
 * never pays for it.
 */
export const loadImageIo = () => import('@itk-wasm/image-io');
export const loadDicom = () => import('@itk-wasm/dicom');
