/**
 * Errors a user can cause while reading or writing images. The message always names the file,
 * says what is wrong and what to do, so a CLI can print it as is and a batch can log it per case.
 */

export class ImageReadError extends Error {
  /** The file or folder that could not be read. */
  readonly file: string;
  /** What is wrong with it. */
  readonly problem: string;
  /** What the user can do about it. */
  readonly advice: string;

  constructor(file: string, problem: string, advice: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}. ${advice}`, options);
    this.name = 'ImageReadError';
    this.file = file;
    this.problem = problem;
    this.advice = advice;
  }
}

export class ImageWriteError extends Error {
  readonly file: string;
  readonly problem: string;
  readonly advice: string;

  constructor(file: string, problem: string, advice: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}. ${advice}`, options);
    this.name = 'ImageWriteError';
    this.file = file;
    this.problem = problem;
    this.advice = advice;
  }
}

/** A short description of an unknown thrown value (itk-wasm throws bare numbers: wasm exception pointers). */
export function describeCause(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'number') return 'the ITK reader stopped with an internal exception';
  return String(err);
}
