/** An error in a case's image or mask that the user can fix; `kind` lets callers tell them apart. */
export type PreprocessErrorKind =
  | 'no-label'
  | 'label-missing'
  | 'geometry-mismatch'
  | 'roi-outside-image'
  | 'roi-too-few-dimensions'
  | 'roi-single-voxel'
  | 'roi-too-small'
  | 'resegment-empty'
  | 'bad-setting';

export class PreprocessError extends Error {
  constructor(readonly kind: PreprocessErrorKind, message: string) {
    super(message);
    this.name = 'PreprocessError';
  }
}
